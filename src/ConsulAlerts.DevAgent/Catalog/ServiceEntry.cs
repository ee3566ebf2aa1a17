namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>A service instance on a node, in the JSON shape of Consul's NodeService.</summary>
internal sealed record ServiceEntry
{
    public required string ID { get; init; }

    public required string Service { get; init; }

    public string[] Tags { get; init; } = [];

    public string Address { get; init; } = "";

    public Dictionary<string, string> Meta { get; init; } = [];

    public int Port { get; init; }

    public ServiceWeights Weights { get; init; } = new();

    public bool EnableTagOverride { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>True when both describe the same instance, ignoring indexes.</summary>
    public bool SameAs(ServiceEntry other) =>
        ID == other.ID && Service == other.Service && Tags.SequenceEqual(other.Tags) && Address == other.Address
        && NodeEntry.SameMap(Meta, other.Meta) && Port == other.Port && Weights == other.Weights
        && EnableTagOverride == other.EnableTagOverride;
}
