namespace ConsulAlerts.Notifications;

/// <summary>Where recorded deliveries go once their record has committed: the dispatcher's per-notifier queues.</summary>
internal interface IDeliveryQueue
{
    /// <summary>Queues deliveries decided (and recorded) during the term of <paramref name="term"/>; never blocks.</summary>
    void Enqueue(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken term);
}
