namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>The <c>Service</c> of a catalog registration.</summary>
internal sealed record CatalogServiceRegistration
{
    public string? ID { get; init; }

    public string? Service { get; init; }

    public string[]? Tags { get; init; }

    public string? Address { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public int Port { get; init; }

    public ServiceWeights? Weights { get; init; }

    public bool EnableTagOverride { get; init; }
}
