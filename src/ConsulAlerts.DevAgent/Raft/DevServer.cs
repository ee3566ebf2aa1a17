namespace ConsulAlerts.DevAgent.Raft;

/// <summary>
/// One simulated Consul server (a Raft peer) of <see cref="DevServerSet"/>: what the operator and status endpoints report.
/// </summary>
public sealed record DevServer
{
    /// <summary>Node name of the server.</summary>
    public required string Name { get; init; }

    /// <summary>Raft address, <c>host:port</c> (Consul's server RPC port, 8300 by default).</summary>
    public required string Address { get; init; }

    /// <summary>Whether autopilot counts it healthy (serf alive, in contact with the leader, log up to date).</summary>
    public bool Healthy { get; init; } = true;

    /// <summary>A voter counts towards quorum; a non-voter (read replica, staged server) does not.</summary>
    public bool Voter { get; init; } = true;

    /// <summary>Raft server ID (the node ID); when null one is derived from <see cref="Name"/>, stable across reads.</summary>
    public string? ID { get; init; }
}
