using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>Log messages of the outbox.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Outbox entry {Key} cannot be read and is ignored: {Reason}")]
    public static partial void Unreadable(ILogger logger, string key, string reason);
}
