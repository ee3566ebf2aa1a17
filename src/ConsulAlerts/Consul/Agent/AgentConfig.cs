using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Agent;

/// <summary>The <c>Config</c> section of <c>/v1/agent/self</c>.</summary>
internal sealed record AgentConfig
{
    public string Datacenter { get; init; } = "";

    public string PrimaryDatacenter { get; init; } = "";

    public string NodeName { get; init; } = "";

    [JsonPropertyName("NodeID")]
    public string NodeId { get; init; } = "";

    public bool Server { get; init; }

    public string Version { get; init; } = "";

    public string Revision { get; init; } = "";
}
