namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>Body of <c>PUT /v1/catalog/register</c>.</summary>
internal sealed record CatalogRegistration
{
    public string? ID { get; init; }

    public string? Node { get; init; }

    public string? Address { get; init; }

    public string? Datacenter { get; init; }

    public Dictionary<string, string>? TaggedAddresses { get; init; }

    public Dictionary<string, string>? NodeMeta { get; init; }

    public CatalogServiceRegistration? Service { get; init; }

    public CatalogCheckRegistration? Check { get; init; }

    public List<CatalogCheckRegistration>? Checks { get; init; }

    public bool SkipNodeUpdate { get; init; }
}
