using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Cli;

/// <summary>
/// Log level names of the Go daemon (<c>debug|info|warn|err</c>) plus the other names its logger
/// (logrus) accepted, case-insensitive.
/// </summary>
internal static class LogLevelNames
{
    public const string Expected = "debug, info, warn or err";

    public static bool TryParse(string? text, out LogLevel level)
    {
        LogLevel? parsed = text?.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERR" or "ERROR" => LogLevel.Error,
            "FATAL" or "PANIC" => LogLevel.Critical,
            _ => null,
        };
        level = parsed ?? LogLevel.None;
        return parsed is not null;
    }
}
