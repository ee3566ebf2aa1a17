using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>Takes messages the router or the reminders decided to send and delivers them to their notifiers.</summary>
internal interface INotificationDispatcher
{
    /// <summary>
    /// Hands a batch over for delivery, choosing each message's notifiers from <paramref name="config"/> (the snapshot
    /// the decision was made with). Returns once the batch is queued; delivery happens in the background.
    /// </summary>
    void Dispatch(IReadOnlyList<Message> messages, AlertsConfig config);
}
