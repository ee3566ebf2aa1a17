using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>Takes messages the router or the reminders decided to send and delivers them to their notifiers.</summary>
internal interface INotificationDispatcher
{
    /// <summary>
    /// Queues a batch for delivery, choosing each message's notifiers from <paramref name="config"/> (the snapshot the
    /// decision was made with), and returns at once. The returned task completes when every notifier has had its
    /// attempt (delivered or failed); it is cancelled when <paramref name="cancellationToken"/> (the leader's term)
    /// ends first, in which case what had not been attempted is dropped, for the next leader to send.
    /// </summary>
    Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken);
}
