namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>A catalog node in Consul's JSON shape.</summary>
internal sealed record NodeEntry
{
    public string ID { get; init; } = "";

    public required string Node { get; init; }

    public string Address { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public Dictionary<string, string>? TaggedAddresses { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>True when both describe the same node, ignoring indexes.</summary>
    public bool SameAs(NodeEntry other) =>
        ID == other.ID && Node == other.Node && Address == other.Address && Datacenter == other.Datacenter
        && SameMap(TaggedAddresses, other.TaggedAddresses) && SameMap(Meta, other.Meta);

    internal static bool SameMap(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
