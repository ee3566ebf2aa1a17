using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>Log events of the check engine.</summary>
internal static partial class CheckLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Check {Node}/{CheckId} changed from '{PreviousStatus}' to {Status}")]
    public static partial void TransitionConfirmed(ILogger logger, string node, string checkId, string previousStatus, string status);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug,
        Message = "Check {Node}/{CheckId} is now {Status} (silent: {Reason})")]
    public static partial void SilentChange(ILogger logger, string node, string checkId, string status, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Check {Node}/{CheckId} is gone from Consul; its state is dropped")]
    public static partial void CheckVanished(ILogger logger, string node, string checkId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Handing {Count} {What} to the notifiers failed ({Failures} in a row); retrying in {RetryDelay}, repeats at debug level")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, int count, string what, int failures, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "Writing {Count} check states to Consul failed ({Failures} in a row): {Reason}; retrying in {RetryDelay}, repeats at debug level")]
    public static partial void StateWriteFailed(ILogger logger, int count, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Loaded {Count} check states from Consul ({Pending} pending, {ForNotification} to notify)")]
    public static partial void StateLoaded(ILogger logger, int count, int pending, int forNotification);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning,
        Message = "Loading check states from Consul failed ({Failures} in a row): {Reason}; retrying in {RetryDelay}")]
    public static partial void StateLoadFailed(ILogger logger, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Ignoring unreadable check state at {Key}: {Reason}")]
    public static partial void StoredStateUnreadable(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Debug, Message = "Health refresh requested; re-reading checks from Consul")]
    public static partial void RefreshRequested(ILogger logger);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Information, Message = "Check state writes recovered after {Failures} failed attempts")]
    public static partial void StateWriteRecovered(ILogger logger, int failures);

    /// <summary>A failed hand-over: the first of a run at warning level, repeats at debug.</summary>
    public static void DeliveryFailure(ILogger logger, Exception exception, int count, string what, int failures, TimeSpan retryDelay)
    {
        if (failures == 1)
        {
            DeliveryFailed(logger, exception, count, what, failures, retryDelay);
        }
        else
        {
            DeliveryStillFailing(logger, count, what, failures, exception.Message, retryDelay);
        }
    }

    /// <summary>A failed state write: the first of a run at warning level, repeats at debug.</summary>
    public static void StateWriteFailure(ILogger logger, int count, int failures, string reason, TimeSpan retryDelay)
    {
        if (failures == 1)
        {
            StateWriteFailed(logger, count, failures, reason, retryDelay);
        }
        else
        {
            StateWriteStillFailing(logger, count, failures, reason, retryDelay);
        }
    }

    /// <summary>States left out of a write as over Consul's limits, if any.</summary>
    public static void StatesTooLarge(ILogger logger, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
        {
            StateTooLarge(logger, keys.Count, string.Join(", ", keys.Take(3)));
        }
    }

    [LoggerMessage(EventId = 1313, Level = LogLevel.Error,
        Message = "{Count} check states are over Consul's size limits even with their output bounded and are not stored (e.g. {Keys}); their notifications go ahead")]
    public static partial void StateTooLarge(ILogger logger, int count, string keys);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Debug,
        Message = "Writing {Count} check states to Consul still failing ({Failures} in a row): {Reason}; retrying in {RetryDelay}")]
    public static partial void StateWriteStillFailing(ILogger logger, int count, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Debug,
        Message = "Handing {Count} {What} to the notifiers still failing ({Failures} in a row): {Reason}; retrying in {RetryDelay}")]
    public static partial void DeliveryStillFailing(ILogger logger, int count, string what, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Deliveries or state writes still under way after {Timeout} at shutdown; the next leader sends what was not recorded as sent")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout);
}
