namespace ConsulAlerts.Consul.Queries;

/// <summary>Per-call options of a write.</summary>
internal sealed record WriteOptions
{
    public static WriteOptions None { get; } = new();

    /// <summary>Overrides the client's datacenter for this call; null keeps it.</summary>
    public string? Datacenter { get; init; }
}
