namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>A delivery on its instance's queue, with the moment that places it in a group (<see cref="GroupStage"/>).</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Arrived">
/// When it reached the queue; for a delivery resumed from the outbox, when it was decided (never later than now), so
/// that a group the previous leader was gathering goes out when its wait would have ended, not a whole wait later.
/// </param>
internal readonly record struct QueuedDelivery(NotificationDelivery Delivery, DateTimeOffset Arrived);
