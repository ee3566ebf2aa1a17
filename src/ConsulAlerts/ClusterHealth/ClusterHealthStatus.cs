namespace ConsulAlerts.ClusterHealth;

/// <summary>What <c>/v1/status</c> shows of Consul's own health (<c>consulHealth</c>).</summary>
/// <param name="Enabled"><c>checks/consul-health/enabled</c>.</param>
/// <param name="LastProbe">When Consul was last asked; null before the first round.</param>
/// <param name="AgentReachable">Whether this daemon's agent answered then.</param>
/// <param name="HasLeader">Whether the cluster had a leader then; null when it could not be told.</param>
/// <param name="Servers">The number of Raft servers autopilot reported; null when not read.</param>
/// <param name="FailureTolerance">Autopilot's failure tolerance; null when not read.</param>
/// <param name="OperatorDenied">The token lacks <c>operator:read</c>.</param>
/// <param name="LastLeader">This daemon led last, so it may act for <c>consul-leader</c> and <c>consul-agent</c> while Consul cannot serve.</param>
/// <param name="Acting">The checks this daemon has sent critical on its own and not yet closed.</param>
internal sealed record ClusterHealthStatus(
    bool Enabled,
    DateTimeOffset? LastProbe,
    bool AgentReachable,
    bool? HasLeader,
    int? Servers,
    int? FailureTolerance,
    bool OperatorDenied,
    bool LastLeader,
    IReadOnlyList<string> Acting);
