namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>How a <see cref="ClusterHarness"/> is set up.</summary>
internal sealed record ClusterOptions
{
    public int Daemons { get; init; } = 3;

    /// <summary>The agent the daemons run against.</summary>
    public ConsulKind Consul { get; init; } = ConsulKind.DevAgent;

    /// <summary>
    /// The dev agent's grace before invalidating a session that was not renewed (Consul waits up to 2×TTL); 1 makes
    /// failover faster. A real agent keeps its own.
    /// </summary>
    public double SessionTtlMultiplier { get; init; } = 2;

    /// <summary>Daemons reach the agent through a <see cref="Testing.TcpProxy"/>, so Consul can refuse connections.</summary>
    public bool ThroughProxy { get; init; }

    /// <summary>
    /// Each daemon reaches the agent through a <see cref="Testing.TcpProxy"/> of its own (<see cref="ClusterHarness.DaemonProxies"/>),
    /// so faults hit one daemon's link and each daemon's connection attempts are counted apart.
    /// </summary>
    public bool ProxyPerDaemon { get; init; }

    /// <summary>Daemons reach the agent through a <see cref="ConsulHttpProxy"/>, so Consul can fail chosen requests.</summary>
    public bool ThroughHttpProxy { get; init; }

    /// <summary>Seconds a change must hold before it is notified.</summary>
    public int ChangeThresholdSeconds { get; init; } = 1;

    /// <summary>The daemons' <c>--log-level</c>.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Extra arguments of every daemon, e.g. <c>--leader-lock-delay=1s</c>.</summary>
    public IReadOnlyList<string> DaemonArguments { get; init; } = [];
}
