using ConsulAlerts.Notifications;

namespace ConsulAlerts.Routing;

/// <summary>One armed reminder: the message it re-sends (its RmdCheck is when it was last sent) and where it is stored.</summary>
internal sealed record ReminderState(Message Message, string StoreKey)
{
    public TimeSpan Interval => TimeSpan.FromMinutes(Message.Interval);
}
