using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications;

/// <summary>Log messages of notification delivery. Never carries notifier settings (they hold secrets).</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Notification profiles turn on {Count} more notifier name(s) that are neither built-in nor custom notifiers; they are ignored (the configuration errors of notif-profiles/ name the keys)")]
    public static partial void UnknownNotifiers(ILogger logger, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Notifier {Notifier} is enabled but not available in this version; its messages are skipped")]
    public static partial void NotifierUnavailable(ILogger logger, string notifier);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Notifier {Notifier} delivered {Count} message(s)")]
    public static partial void Delivered(ILogger logger, string notifier, int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Notifier {Notifier} failed to deliver {Count} message(s): {Error}; retrying in {Delay}")]
    public static partial void DeliveryRetrying(ILogger logger, string notifier, int count, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug,
        Message = "Notifier {Notifier} failed again to deliver {Count} message(s) (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void DeliveryRetryingAgain(ILogger logger, string notifier, int count, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Notifier {Notifier} delivered {Count} message(s) at attempt {Attempt}")]
    public static partial void DeliveredAfterRetries(ILogger logger, string notifier, int count, int attempt);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error,
        Message = "Notifier {Notifier} gave up on {Count} message(s) after {Attempts} attempt(s) ({Why}): {Error}")]
    public static partial void DeliveryGivenUp(ILogger logger, string notifier, int count, int attempts, string why, string error);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error,
        Message = "Notifier {Notifier} has {Capacity} deliveries waiting; {Count} new message(s) for it are dropped")]
    public static partial void QueueFull(ILogger logger, string notifier, int capacity, int count);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Debug, Message = "Notifier {Notifier} stopped; {Count} delivery(ies) left for the next leader")]
    public static partial void WorkerStopped(ILogger logger, string notifier, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Notifier {Notifier} wrote {Count} line(s) to {Path}")]
    public static partial void LogFileWritten(ILogger logger, string notifier, int count, string path);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Resuming {Count} recorded delivery(ies) from the outbox")]
    public static partial void OutboxResumed(ILogger logger, int count);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning,
        Message = "Recorded delivery {Id} for {Notifier} is dropped: the notifier is no longer enabled or available")]
    public static partial void OutboxEntryDropped(ILogger logger, string id, string notifier);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning,
        Message = "Cannot remove finished delivery {Id} of {Notifier} from the outbox ({Reason}); retrying")]
    public static partial void OutboxRemoveFailed(ILogger logger, string id, string notifier, string reason);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information,
        Message = "{Count} message(s) are already recorded in the outbox from before; not recorded again")]
    public static partial void AlreadyRecorded(ILogger logger, int count);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Debug,
        Message = "Custom notifier {Notifier} ({Path}) succeeded; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomSucceeded(ILogger logger, string notifier, string path, string stdout, string stderr);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning,
        Message = "Custom notifier {Notifier} ({Path}) exited with code {ExitCode}; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomFailed(ILogger logger, string notifier, string path, int exitCode, string stdout, string stderr);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning,
        Message = "Custom notifier {Notifier} ({Path}) did not finish within {Timeout}; its process tree was killed; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomTimedOut(ILogger logger, string notifier, string path, TimeSpan timeout, string stdout, string stderr);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Custom notifier {Notifier} ({Path}) could not be started: {Error}")]
    public static partial void CustomStartFailed(ILogger logger, string notifier, string path, string error);
}
