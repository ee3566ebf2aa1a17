using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Configuration;

/// <summary>Log events of the configuration watcher. Config errors carry the key and the problem, never a secret value.</summary>
internal static partial class ConfigWatcherLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Configuration loaded from {Root} at index {Revision}: {KeyCount} keys, {ErrorCount} problems")]
    public static partial void Loaded(ILogger logger, string root, ulong revision, int keyCount, int errorCount);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Configuration key {Key} not used as written: {Problem}")]
    public static partial void ConfigProblem(ILogger logger, string key, string problem);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "{ResolvedCount} configuration problems were fixed at index {Revision}")]
    public static partial void ProblemsResolved(ILogger logger, int resolvedCount, ulong revision);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error,
        Message = "Configuration under {Root} at index {Index} could not be parsed; keeping the snapshot of index {KeptRevision}")]
    public static partial void ParseFailed(ILogger logger, Exception exception, string root, ulong index, ulong keptRevision);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error,
        Message = "Configuration key {Key}: a pattern ran out of time (limit {Limit}) on a name, which therefore counts as matching it (muted by a blacklist, or given the selection's profile); rewrite the pattern without lookaround or backreferences")]
    public static partial void PatternTimedOut(ILogger logger, string key, TimeSpan limit);
}
