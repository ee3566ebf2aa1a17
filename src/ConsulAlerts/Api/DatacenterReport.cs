namespace ConsulAlerts.Api;

/// <summary>One watched datacenter in <c>/v1/status</c>.</summary>
/// <param name="Name">The datacenter.</param>
/// <param name="Local">Whether it is the agent's own (the leader lock lives there).</param>
/// <param name="Reachable">Whether its last read answered; null before the first read ended.</param>
/// <param name="LastContact">When a read of it last answered.</param>
/// <param name="Checks">Checks of it this daemon tracks.</param>
/// <param name="FailingSince">When its reads began to fail; null while they answer.</param>
/// <param name="Error">The first error of the current failure.</param>
internal sealed record DatacenterReport(
    string Name,
    bool Local,
    bool? Reachable,
    DateTimeOffset? LastContact,
    int Checks,
    DateTimeOffset? FailingSince,
    string? Error);
