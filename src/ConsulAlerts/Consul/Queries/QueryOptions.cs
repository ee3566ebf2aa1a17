namespace ConsulAlerts.Consul.Queries;

/// <summary>Per-call options of a read: blocking index and wait, consistency and datacenter.</summary>
internal sealed record QueryOptions
{
    /// <summary>Shared instance with every option at its default (non-blocking, default consistency).</summary>
    public static QueryOptions None { get; } = new();

    /// <summary>The <c>X-Consul-Index</c> of a previous answer; 0 does not block.</summary>
    public ulong WaitIndex { get; init; }

    /// <summary>How long the server may block; null or zero leaves it to the server (5 min, 10 min for events).</summary>
    public TimeSpan? WaitTime { get; init; }

    public ConsulConsistency Consistency { get; init; }

    /// <summary>Overrides the client's datacenter for this call; null keeps it.</summary>
    public string? Datacenter { get; init; }
}
