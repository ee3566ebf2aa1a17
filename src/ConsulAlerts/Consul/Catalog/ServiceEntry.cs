using ConsulAlerts.Consul.Health;
namespace ConsulAlerts.Consul.Catalog;

/// <summary>One instance from <c>/v1/health/service/:service</c>: node, service and checks.</summary>
internal sealed record ServiceEntry
{
    public CatalogNode? Node { get; init; }

    public CatalogService? Service { get; init; }

    public IReadOnlyList<HealthCheck> Checks { get; init => field = value ?? []; } = [];
}
