namespace ConsulAlerts.Datacenters;

/// <summary>One watched datacenter as <c>/v1/status</c> and the dashboard show it.</summary>
/// <param name="Name">The datacenter.</param>
/// <param name="Local">Whether it is the agent's own (read without <c>?dc=</c>; the leader lock lives there).</param>
/// <param name="Reachable">Whether its last read answered; null before the first read ended.</param>
/// <param name="LastContact">When a read of it last answered; null when none has.</param>
/// <param name="Checks">Checks of it in the latest snapshot (in <c>/v1/status</c>: those this daemon tracks).</param>
/// <param name="FailingSince">When its reads began to fail; null while they answer.</param>
/// <param name="Error">The first error of the current failure; null while its reads answer.</param>
internal sealed record DatacenterStatus(
    string Name,
    bool Local,
    bool? Reachable,
    DateTimeOffset? LastContact,
    int Checks,
    DateTimeOffset? FailingSince,
    string? Error);
