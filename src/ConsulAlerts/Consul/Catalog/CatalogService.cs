using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Catalog;

/// <summary>A service instance registered on a node.</summary>
internal sealed record CatalogService
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Service { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    public string Address { get; init; } = "";

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public int Port { get; init; }

    public ServiceWeights? Weights { get; init; }

    public bool EnableTagOverride { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
