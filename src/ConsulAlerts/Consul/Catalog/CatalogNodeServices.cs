namespace ConsulAlerts.Consul.Catalog;

/// <summary>A node with its services, from <c>/v1/catalog/node/:node</c>.</summary>
internal sealed record CatalogNodeServices
{
    public CatalogNode? Node { get; init; }

    /// <summary>Keyed by service ID.</summary>
    public IReadOnlyDictionary<string, CatalogService> Services { get; init => field = value ?? new Dictionary<string, CatalogService>(); } =
        new Dictionary<string, CatalogService>();
}
