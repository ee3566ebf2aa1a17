namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>Body of <c>PUT /v1/catalog/deregister</c>.</summary>
internal sealed record CatalogDeregistration
{
    public string? Datacenter { get; init; }

    public string? Node { get; init; }

    public string? ServiceID { get; init; }

    public string? CheckID { get; init; }
}
