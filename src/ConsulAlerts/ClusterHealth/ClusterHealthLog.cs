using Microsoft.Extensions.Logging;

namespace ConsulAlerts.ClusterHealth;

/// <summary>Log messages of the cluster-health checks and of the last leader's acting role.</summary>
internal static partial class ClusterHealthLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
        Message = "The Consul token may not read /v1/operator (it needs operator:read): the cluster-health checks consul-servers and consul-peers are skipped")]
    public static partial void OperatorDenied(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning,
        Message = "Consul cannot record {CheckId} ({Reason}) for {Duration}: as the last leader, this daemon sends it {Status} directly through the notifiers of its last good configuration")]
    public static partial void Acting(ILogger logger, string checkId, string reason, TimeSpan duration, string status);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information,
        Message = "Consul serves again after {CheckId} was sent critical by this daemon: sending it passing directly")]
    public static partial void ActingRecovered(ILogger logger, string checkId);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Warning, Message = "Notifier {Notifier} could not deliver {CheckId} directly: {Error}")]
    public static partial void DirectFailed(ILogger logger, string notifier, string checkId, string error);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Information, Message = "Notifier {Notifier} delivered {CheckId} {Status} directly")]
    public static partial void DirectDelivered(ILogger logger, string notifier, string checkId, string status);

    [LoggerMessage(EventId = 9106, Level = LogLevel.Information, Message = "{CheckId} {Status} is muted ({Reason}): not sent directly")]
    public static partial void DirectMuted(ILogger logger, string checkId, string status, Muting.MuteKind reason);

    [LoggerMessage(EventId = 9107, Level = LogLevel.Information, Message = "The outage of {CheckId} sent by this daemon is recorded at {Key}")]
    public static partial void Recorded(ILogger logger, string checkId, string key);

    [LoggerMessage(EventId = 9108, Level = LogLevel.Warning, Message = "Asking Consul about itself failed: {Error}")]
    public static partial void ProbeFailed(ILogger logger, string error);
}
