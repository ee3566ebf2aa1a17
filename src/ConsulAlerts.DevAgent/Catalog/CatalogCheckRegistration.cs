namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>A check of a catalog registration.</summary>
internal sealed record CatalogCheckRegistration
{
    public string? Node { get; init; }

    public string? CheckID { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public string? Notes { get; init; }

    public string? Output { get; init; }

    public string? ServiceID { get; init; }

    public string? Type { get; init; }
}
