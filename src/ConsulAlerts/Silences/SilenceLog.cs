using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Silences;

/// <summary>Log events of silences. A comment or matcher value is never logged: ids, keys and field names only.</summary>
internal static partial class SilenceLog
{
    [LoggerMessage(EventId = 7700, Level = LogLevel.Information,
        Message = "Silences read from {Root} at index {Index}: {Count} valid, {Skipped} skipped")]
    public static partial void Loaded(ILogger logger, string root, ulong index, int count, int skipped);

    [LoggerMessage(EventId = 7701, Level = LogLevel.Warning,
        Message = "Silence key {Key} skipped: {Problems}")]
    public static partial void Skipped(ILogger logger, string key, string problems);

    [LoggerMessage(EventId = 7702, Level = LogLevel.Information,
        Message = "Silence {SilenceId} created by {CreatedBy}, from {StartsAt} to {EndsAt}")]
    public static partial void Created(ILogger logger, string silenceId, string createdBy, DateTimeOffset startsAt, DateTimeOffset endsAt);

    [LoggerMessage(EventId = 7703, Level = LogLevel.Information, Message = "Silence {SilenceId} expired")]
    public static partial void Expired(ILogger logger, string silenceId);

    [LoggerMessage(EventId = 7704, Level = LogLevel.Information,
        Message = "Silence {SilenceId} deleted: expired at {EndsAt}, retention {Retention} over")]
    public static partial void Deleted(ILogger logger, string silenceId, DateTimeOffset endsAt, TimeSpan retention);

    [LoggerMessage(EventId = 7705, Level = LogLevel.Warning,
        Message = "Silence retention: a pass failed; passes go on every {Interval}, and this is not logged again until one succeeds")]
    public static partial void PurgeFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 7706, Level = LogLevel.Error,
        Message = "Silences under {Root} at index {Index} could not be read; keeping the previous set")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, string root, ulong index);

    [LoggerMessage(EventId = 7707, Level = LogLevel.Information,
        Message = "Silence {SilenceId} updated by {CreatedBy}, now from {StartsAt} to {EndsAt}")]
    public static partial void Updated(ILogger logger, string silenceId, string createdBy, DateTimeOffset startsAt, DateTimeOffset endsAt);
}
