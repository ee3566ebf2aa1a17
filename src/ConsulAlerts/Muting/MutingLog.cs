using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Muting;

internal static partial class MutingLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information,
        Message = "Check {Node}/{CheckId} changed from '{PreviousStatus}' to {Status}: muted ({Reason}), not sent")]
    public static partial void Muted(ILogger logger, string node, string checkId, string previousStatus, string status, MuteReason reason);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information,
        Message = "Check {Node}/{CheckId} is no longer muted; sending its change from '{PreviousStatus}' to {Status}")]
    public static partial void Released(ILogger logger, string node, string checkId, string previousStatus, string status);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Debug,
        Message = "Check {Node}/{CheckId} is back to {Status}, the status the notifiers last heard of; nothing is sent")]
    public static partial void BackToNotified(ILogger logger, string node, string checkId, string status);
}
