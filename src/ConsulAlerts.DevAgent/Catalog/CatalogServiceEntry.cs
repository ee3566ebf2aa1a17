namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>One entry of <c>GET /v1/catalog/service/:service</c>: a service instance flattened with its node.</summary>
internal sealed record CatalogServiceEntry
{
    public required string ID { get; init; }

    public required string Node { get; init; }

    public required string Address { get; init; }

    public required string Datacenter { get; init; }

    public Dictionary<string, string>? TaggedAddresses { get; init; }

    public Dictionary<string, string>? NodeMeta { get; init; }

    public required string ServiceID { get; init; }

    public required string ServiceName { get; init; }

    public required string[] ServiceTags { get; init; }

    public required string ServiceAddress { get; init; }

    public required Dictionary<string, string> ServiceMeta { get; init; }

    public int ServicePort { get; init; }

    public required ServiceWeights ServiceWeights { get; init; }

    public bool ServiceEnableTagOverride { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    public static CatalogServiceEntry From(NodeEntry node, ServiceEntry service) => new()
    {
        ID = node.ID,
        Node = node.Node,
        Address = node.Address,
        Datacenter = node.Datacenter,
        TaggedAddresses = node.TaggedAddresses,
        NodeMeta = node.Meta,
        ServiceID = service.ID,
        ServiceName = service.Service,
        ServiceTags = service.Tags,
        ServiceAddress = service.Address,
        ServiceMeta = service.Meta,
        ServicePort = service.Port,
        ServiceWeights = service.Weights,
        ServiceEnableTagOverride = service.EnableTagOverride,
        CreateIndex = service.CreateIndex,
        ModifyIndex = service.ModifyIndex,
    };
}
