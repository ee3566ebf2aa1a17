namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>DNS SRV weights of a service instance.</summary>
internal sealed record ServiceWeights
{
    public int Passing { get; init; } = 1;

    public int Warning { get; init; } = 1;
}
