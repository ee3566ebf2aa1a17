namespace ConsulAlerts.Consul.Operator;

/// <summary>The answer of <c>GET /v1/operator/autopilot/health</c>: the leader's view of every Raft server.</summary>
internal sealed record AutopilotHealth
{
    /// <summary>Whether every server is healthy.</summary>
    public bool Healthy { get; init; }

    /// <summary>How many voting servers may fail without losing quorum.</summary>
    public int FailureTolerance { get; init; }

    public IReadOnlyList<AutopilotServer> Servers { get; init; } = [];
}
