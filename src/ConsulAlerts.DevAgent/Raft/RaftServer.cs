namespace ConsulAlerts.DevAgent.Raft;

/// <summary>One server of <c>GET /v1/operator/raft/configuration</c>, fields in Consul 1.10's order.</summary>
internal sealed record RaftServer
{
    public required string ID { get; init; }

    public required string Node { get; init; }

    public required string Address { get; init; }

    public bool Leader { get; init; }

    /// <summary>The Raft protocol version, a string (<c>"3"</c>) in Consul's JSON.</summary>
    public required string ProtocolVersion { get; init; }

    public bool Voter { get; init; }
}
