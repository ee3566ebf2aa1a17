namespace ConsulAlerts.Consul.Operator;

/// <summary>One server of <see cref="AutopilotHealth"/>.</summary>
internal sealed record AutopilotServer
{
    /// <summary>The server's Raft ID.</summary>
    public string ID { get; init; } = "";

    /// <summary>Its node name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its Raft address, <c>ip:port</c>.</summary>
    public string Address { get; init; } = "";

    /// <summary>Its Serf status: <c>alive</c>, <c>failed</c>, <c>left</c>, <c>none</c>.</summary>
    public string SerfStatus { get; init; } = "";

    public bool Leader { get; init; }

    public bool Voter { get; init; }

    public bool Healthy { get; init; }

    /// <summary>Time since the leader last heard from it, as a Go duration.</summary>
    public string LastContact { get; init; } = "";
}
