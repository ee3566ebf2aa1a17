using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>Takes messages the router or the reminders decided to send and delivers them to their notifiers.</summary>
internal interface INotificationDispatcher
{
    /// <summary>
    /// Takes a batch for delivery, choosing each message's notifiers from <paramref name="config"/> (the snapshot the
    /// decision was made with). Returns once the deliveries are recorded (in the outbox, guarded by the leader's
    /// session) and queued; the attempts go on in the background, each notifier at its own pace, and stop when
    /// <paramref name="cancellationToken"/> (the leader's term) ends, leaving what is unfinished to the next leader.
    /// </summary>
    /// <exception cref="Consul.Errors.ConsulException">The deliveries could not be recorded: nothing was queued; try again.</exception>
    /// <exception cref="OperationCanceledException">The term is over.</exception>
    Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken);
}
