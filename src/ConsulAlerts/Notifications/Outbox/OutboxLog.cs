using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>Log messages of the outbox.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Outbox entry {Key} cannot be read and is ignored: {Reason}")]
    public static partial void Unreadable(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Removed {Count} outbox leftover(s): batches whose writing was cut short (decided again from the check state) or whose deliveries are all done")]
    public static partial void LeftoversRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Cannot remove {Count} outbox leftover(s) yet ({Reason}); they are removed by a later leader term")]
    public static partial void LeftoversKept(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning,
        Message = "A delivery for {Notifier} of check {Node}/{CheckId} is over Consul's size limits; its message is recorded and sent with its texts cut further")]
    public static partial void Squeezed(ILogger logger, string notifier, string node, string checkId);
}
