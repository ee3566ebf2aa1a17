namespace ConsulAlerts.Notifications;

/// <summary>What a batch turns into: the deliveries to make, and the notifier names profiles asked for that do not exist.</summary>
internal sealed record NotificationPlan(IReadOnlyList<NotificationDelivery> Deliveries, IReadOnlySet<string> UnknownNotifiers);
