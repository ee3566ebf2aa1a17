using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>Log events of event handling (6000-6099).</summary>
internal static partial class EventsLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information,
        Message = "Event {EventId} ({EventName}): handler {Handler} succeeded; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void HandlerSucceeded(ILogger logger, string eventId, string eventName, string handler, string stdout, string stderr);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "Event {EventId} ({EventName}): handler {Handler} exited with code {ExitCode}; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void HandlerFailed(ILogger logger, string eventId, string eventName, string handler, int exitCode, string stdout, string stderr);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Event {EventId} ({EventName}): handler {Handler} did not finish within {Timeout} and was killed; stdout: {Stdout}; stderr: {Stderr}")]
    public static partial void HandlerTimedOut(ILogger logger, string eventId, string eventName, string handler, TimeSpan timeout, string stdout, string stderr);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error,
        Message = "Event {EventId} ({EventName}): handler {Handler} cannot be started: {Reason}")]
    public static partial void HandlerNotStarted(ILogger logger, string eventId, string eventName, string handler, string reason);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information,
        Message = "No event handling recorded in Consul yet: the {Count} events already buffered are marked handled without running")]
    public static partial void Baseline(ILogger logger, int count);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information,
        Message = "Loaded {Count} handled event IDs from Consul")]
    public static partial void StateLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning,
        Message = "Event {EventId} was being handled when the previous leader stopped; its handlers may not all have finished and are not run again")]
    public static partial void Interrupted(ILogger logger, string eventId);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information,
        Message = "Event {EventId} ({EventName}) marked handled without running handlers: {Reason}")]
    public static partial void Skipped(ILogger logger, string eventId, string eventName, string reason);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Information,
        Message = "Handling event {EventId} ({EventName}) with {Count} handlers")]
    public static partial void Handling(ILogger logger, string eventId, string eventName, int count);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Debug, Message = "Event re-read requested")]
    public static partial void RefreshRequested(ILogger logger);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Warning,
        Message = "The stored handled events at {Key} cannot be read ({Reason}); treating them as absent")]
    public static partial void StateUnreadable(ILogger logger, string key, string reason);
}
