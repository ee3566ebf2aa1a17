using ConsulAlerts.DevAgent.Catalog;

namespace ConsulAlerts.DevAgent.Agent;

/// <summary>Body of <c>PUT /v1/agent/service/register</c>.</summary>
internal sealed record AgentServiceRegistration
{
    public string? ID { get; init; }

    public string? Name { get; init; }

    public string[]? Tags { get; init; }

    public string? Address { get; init; }

    public int Port { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public bool EnableTagOverride { get; init; }

    public ServiceWeights? Weights { get; init; }

    public AgentCheckRegistration? Check { get; init; }

    public List<AgentCheckRegistration>? Checks { get; init; }
}
