namespace ConsulAlerts.Configuration;

/// <summary><c>config/checks/*</c>: whether checks are watched and how long a new status must hold before it counts.</summary>
internal sealed record ChecksConfig
{
    public static readonly TimeSpan DefaultChangeThreshold = TimeSpan.FromSeconds(60);

    /// <summary><c>checks/enabled</c>, default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>checks/change-threshold</c> in seconds, default 60.</summary>
    public TimeSpan ChangeThreshold { get; init; } = DefaultChangeThreshold;

    public ThresholdOverrides Overrides { get; init; } = ThresholdOverrides.None;

    /// <summary>
    /// The effective threshold of one check: single &gt; check &gt; service &gt; node &gt; global. The service ID is
    /// <c>_</c> (or empty) for a check without a service.
    /// </summary>
    public TimeSpan ThresholdFor(string node, string serviceId, string checkId) =>
        Overrides.Find(node, string.IsNullOrEmpty(serviceId) ? "_" : serviceId, checkId) ?? ChangeThreshold;
}
