using ConsulAlerts.Notifications.Pipeline;

namespace ConsulAlerts.Notifications;

/// <summary>Limits of the delivery pipeline.</summary>
internal sealed record NotificationDispatcherOptions
{
    /// <summary>How long one attempt may take before it is abandoned and counted as a (retryable) failure.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries waiting per notifier instance; beyond this new ones are dropped and counted as failed.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>Retries of notifiers that do not set their own (<see cref="IRetryPolicySource"/>).</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>
    /// The group-wait when the dispatcher has no live configuration (tools, tests); with one, each delivery's comes
    /// from its profile or <c>checks/group-wait</c>.
    /// </summary>
    public TimeSpan GroupWait { get; init; } = TimeSpan.Zero;

    /// <summary>How the notifiers' copies of messages name their datacenter.</summary>
    public DatacenterNaming Naming { get; init; } = DatacenterNaming.Default;

    /// <summary>At shutdown, how long attempts under way may take to finish and be recorded as done.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
