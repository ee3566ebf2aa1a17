using System.Text.Json;
using ConsulAlerts.DevAgent.Catalog;

namespace ConsulAlerts.DevAgent.Agent;

/// <summary>
/// Body of <c>PUT /v1/agent/service/register</c>; unknown fields are refused. <see cref="Kind"/>,
/// <see cref="TaggedAddresses"/>, <see cref="Proxy"/>, <see cref="Connect"/> and <see cref="Token"/> are accepted and
/// ignored.
/// </summary>
internal sealed record AgentServiceRegistration
{
    public string? Kind { get; init; }

    public JsonElement? TaggedAddresses { get; init; }

    public JsonElement? Proxy { get; init; }

    public JsonElement? Connect { get; init; }

    public string? Token { get; init; }

    public string? ID { get; init; }

    public string? Name { get; init; }

    public string[]? Tags { get; init; }

    public string? Address { get; init; }

    public int Port { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public bool EnableTagOverride { get; init; }

    public ServiceWeights? Weights { get; init; }

    public ServiceCheckRegistration? Check { get; init; }

    public List<ServiceCheckRegistration>? Checks { get; init; }
}
