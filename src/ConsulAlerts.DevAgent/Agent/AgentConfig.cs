namespace ConsulAlerts.DevAgent.Agent;

/// <summary>The <c>Config</c> object of agent/self.</summary>
internal sealed record AgentConfig
{
    public required string Datacenter { get; init; }

    public required string PrimaryDatacenter { get; init; }

    public required string NodeName { get; init; }

    public required string NodeID { get; init; }

    public bool Server { get; init; } = true;

    public required string Version { get; init; }

    public string Revision { get; init; } = "devagent";
}
