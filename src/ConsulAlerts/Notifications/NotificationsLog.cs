using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications;

/// <summary>Log messages of notification delivery. Never carries notifier settings (they hold secrets).</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "A notification profile turns on notifier {Notifier}, which is neither a built-in nor a custom notifier; ignored")]
    public static partial void UnknownNotifier(ILogger logger, string notifier);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Notifier {Notifier} is enabled but not available in this version; its messages are skipped")]
    public static partial void NotifierUnavailable(ILogger logger, string notifier);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Notifier {Notifier} delivered {Count} message(s)")]
    public static partial void Delivered(ILogger logger, string notifier, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Notifier {Notifier} failed to deliver {Count} message(s) (retryable: {Retryable}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string notifier, int count, bool retryable, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Notifier {Notifier} stopped; queued deliveries dropped")]
    public static partial void WorkerStopped(ILogger logger, string notifier);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Notifier {Notifier} wrote {Count} line(s) to {Path}")]
    public static partial void LogFileWritten(ILogger logger, string notifier, int count, string path);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug,
        Message = "Custom notifier {Notifier} ({Path}) succeeded; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomSucceeded(ILogger logger, string notifier, string path, string stdout, string stderr);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning,
        Message = "Custom notifier {Notifier} ({Path}) exited with code {ExitCode}; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomFailed(ILogger logger, string notifier, string path, int exitCode, string stdout, string stderr);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning,
        Message = "Custom notifier {Notifier} ({Path}) did not finish within {Timeout}; its process tree was killed; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void CustomTimedOut(ILogger logger, string notifier, string path, TimeSpan timeout, string stdout, string stderr);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Warning, Message = "Custom notifier {Notifier} ({Path}) could not be started: {Error}")]
    public static partial void CustomStartFailed(ILogger logger, string notifier, string path, string error);
}
