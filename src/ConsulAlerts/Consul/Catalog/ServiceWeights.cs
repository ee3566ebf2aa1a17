namespace ConsulAlerts.Consul.Catalog;

/// <summary>DNS weights of a service instance.</summary>
internal sealed record ServiceWeights
{
    public int Passing { get; init; }

    public int Warning { get; init; }
}
