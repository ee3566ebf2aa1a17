namespace ConsulAlerts.DevAgent.Raft;

/// <summary>One server of <c>GET /v1/operator/autopilot/health</c>, fields in Consul 1.10's order.</summary>
internal sealed record AutopilotServer
{
    public required string ID { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    /// <summary><c>alive</c>, <c>failed</c>, <c>left</c> or <c>none</c>.</summary>
    public required string SerfStatus { get; init; }

    public required string Version { get; init; }

    public bool Leader { get; init; }

    /// <summary>Time since the leader last heard from it, as a Go duration (<c>"0s"</c> on the leader).</summary>
    public required string LastContact { get; init; }

    public ulong LastTerm { get; init; }

    public ulong LastIndex { get; init; }

    public bool Healthy { get; init; }

    public bool Voter { get; init; }

    /// <summary>RFC 3339, rounded to the second, UTC.</summary>
    public required string StableSince { get; init; }
}
