using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>Log messages of alert routing and reminders.</summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "{Node}/{CheckId} is a maintenance check; not notified")]
    public static partial void Maintenance(ILogger logger, string node, string checkId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "{Node}/{CheckId} is {Status}: notifying with profile {Profile}")]
    public static partial void Routed(ILogger logger, string node, string checkId, string status, string profile);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Notification profile {Profile} selected for {Node}/{CheckId} does not exist; using {Fallback}")]
    public static partial void ProfileMissing(ILogger logger, string profile, string node, string checkId, string fallback);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Loaded {Count} reminder(s)")]
    public static partial void RemindersLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Reminder {Key} is not a readable message and is ignored: {Error}")]
    public static partial void ReminderUnreadable(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Debug, Message = "Reminder for {Node}/{CheckId} set every {Interval} minute(s)")]
    public static partial void ReminderSet(ILogger logger, string node, string checkId, int interval);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug, Message = "Reminder for {Node}/{CheckId} deleted: {Reason}")]
    public static partial void ReminderDeleted(ILogger logger, string node, string checkId, string reason);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information, Message = "Reminder for {Node}/{CheckId}: still {Status}")]
    public static partial void ReminderFired(ILogger logger, string node, string checkId, string status);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Warning,
        Message = "Could not store the reminder change for {Node}/{CheckId} in Consul ({Error}); it stays active in memory")]
    public static partial void ReminderStoreFailed(ILogger logger, string node, string checkId, string error);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Error, Message = "Reminder for {Node}/{CheckId} failed unexpectedly")]
    public static partial void ReminderCrashed(ILogger logger, string node, string checkId, Exception exception);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Warning,
        Message = "Reminder for {Node}/{CheckId} could not be recorded for delivery ({Reason}); the next one is due after its interval")]
    public static partial void ReminderNotRecorded(ILogger logger, string node, string checkId, string reason);
}
