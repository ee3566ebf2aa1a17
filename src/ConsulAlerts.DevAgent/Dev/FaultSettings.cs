namespace ConsulAlerts.DevAgent.Dev;

/// <summary>JSON of <c>/_dev/faults</c>; on PUT, absent fields are left unchanged. Latency is a Go duration.</summary>
internal sealed record FaultSettings
{
    public bool? NoLeader { get; init; }

    public bool? AclDenied { get; init; }

    public bool? DropConnections { get; init; }

    public string? Latency { get; init; }

    public FailNextSettings? FailNext { get; init; }

    /// <summary>Replaces the set of unreachable datacenters.</summary>
    public List<string>? UnreachableDatacenters { get; init; }
}
