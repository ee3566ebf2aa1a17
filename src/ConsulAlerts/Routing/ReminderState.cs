using ConsulAlerts.Notifications;

namespace ConsulAlerts.Routing;

/// <summary>One armed reminder: the message it re-sends, where it is stored, and its timer.</summary>
internal sealed class ReminderState(Message message, string storeKey)
{
    public Message Message { get; set; } = message;

    public string StoreKey { get; } = storeKey;

    public ITimer? Timer { get; set; }

    public TimeSpan Interval => TimeSpan.FromMinutes(Message.Interval);
}
