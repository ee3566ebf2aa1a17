namespace ConsulAlerts.Configuration;

/// <summary><c>config/checks/*</c>: whether checks are watched and how long a new status must hold before it counts.</summary>
internal sealed record ChecksConfig
{
    public static readonly TimeSpan DefaultChangeThreshold = TimeSpan.FromSeconds(60);

    /// <summary>The default <c>checks/group-wait</c>.</summary>
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(2);

    /// <summary>The longest group-wait accepted: longer would hold an alert back for too long to be of use.</summary>
    public static readonly TimeSpan MaxGroupWait = TimeSpan.FromMinutes(10);

    /// <summary><c>checks/enabled</c>, default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// <c>checks/maintenance-mutes</c>, default true: changes of checks on a node or service in maintenance are tracked
    /// but not sent until the maintenance ends; false sends them as the Go daemon did.
    /// </summary>
    public bool MaintenanceMutes { get; init; } = true;

    /// <summary><c>checks/change-threshold</c> in seconds, default 60.</summary>
    public TimeSpan ChangeThreshold { get; init; } = DefaultChangeThreshold;

    /// <summary>
    /// <c>checks/group-wait</c> (Go duration, default 2 s): how long a notifier instance gathers deliveries after the
    /// first one before sending them as one, for messages whose profile sets no <see cref="ProfileConfig.GroupWait"/>
    /// and messages without a profile. Zero sends each delivery on its own.
    /// </summary>
    public TimeSpan GroupWait { get; init; } = DefaultGroupWait;

    public ThresholdOverrides Overrides { get; init; } = ThresholdOverrides.None;

    /// <summary><c>checks/consul-health/*</c>: the checks on Consul itself.</summary>
    public ClusterHealthConfig ClusterHealth { get; init; } = new();

    /// <summary>
    /// The effective threshold of one check: single &gt; check &gt; service &gt; node &gt; global. The service ID is
    /// <c>_</c> (or empty) for a check without a service.
    /// </summary>
    public TimeSpan ThresholdFor(string node, string serviceId, string checkId) =>
        Overrides.Find(node, string.IsNullOrEmpty(serviceId) ? "_" : serviceId, checkId) ?? ChangeThreshold;
}
