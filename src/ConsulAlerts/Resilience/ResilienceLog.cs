using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Resilience;

/// <summary>Log events of the retry pipelines: one warning per outage, repeats at debug level, one line on recovery.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning,
        Message = "{Activity} failed ({Reason}); retrying in {RetryDelay}, repeats are logged at debug level until it recovers")]
    public static partial void Failing(ILogger logger, string activity, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "{Activity} still failing ({Failures} in a row, {Reason}); retrying in {RetryDelay}")]
    public static partial void StillFailing(ILogger logger, string activity, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "{Activity} recovered after {Failures} failed attempts over {Outage}")]
    public static partial void Recovered(ILogger logger, string activity, int failures, TimeSpan outage);
}
