namespace ConsulAlerts.Notifications;

/// <summary>Limits of the notification dispatcher.</summary>
internal sealed record NotificationDispatcherOptions
{
    /// <summary>How long one delivery may take before it is abandoned and counted as a (retryable) failure.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries waiting per notifier instance; beyond this new ones are dropped and counted as failed.</summary>
    public int QueueCapacity { get; init; } = 1000;
}
