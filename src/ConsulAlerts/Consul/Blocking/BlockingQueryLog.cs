using ConsulAlerts.Consul.Errors;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Consul.Blocking;

/// <summary>Log events of blocking loops. Exception messages of <see cref="ConsulException"/> never hold the token.</summary>
internal static partial class BlockingQueryLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Consul watch {Watch} failed ({ErrorKind}): {Reason}. Retrying in {RetryDelay}; repeats are logged at debug level until it recovers")]
    public static partial void QueryFailed(ILogger logger, string watch, string errorKind, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug,
        Message = "Consul watch {Watch} still failing ({Failures} in a row, {ErrorKind}): {Reason}. Retrying in {RetryDelay}")]
    public static partial void QueryStillFailing(ILogger logger, string watch, int failures, string errorKind, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Consul watch {Watch} recovered after {Failures} failed attempts over {Outage}")]
    public static partial void Recovered(ILogger logger, string watch, int failures, TimeSpan outage);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error,
        Message = "Handler of Consul watch {Watch} failed; the result will be delivered again. Retrying in {RetryDelay}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string watch, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug,
        Message = "Consul watch {Watch} index went backwards from {PreviousIndex} to {Index}; re-reading from index 0")]
    public static partial void IndexWentBackwards(ILogger logger, string watch, ulong previousIndex, ulong index);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug,
        Message = "Consul answers again; Consul watch {Watch} retries now instead of at the end of its backoff")]
    public static partial void WokenByRecovery(ILogger logger, string watch);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information,
        Message = "Consul watch {Watch} reads an empty prefix, and its folder key {Key} could not be created ({Reason}): Consul answers such a watch after every KV write in the datacenter. Create the key once (consul kv put {Key}) to make it wait quietly")]
    public static partial void AnchorRefused(ILogger logger, string watch, string key, string reason);
}
