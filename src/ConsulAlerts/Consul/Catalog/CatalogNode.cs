using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Catalog;

/// <summary>A node of the catalog (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed record CatalogNode
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Node { get; init; } = "";

    public string Address { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public IReadOnlyDictionary<string, string>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public string? Partition { get; init; }

    public string? PeerName { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
