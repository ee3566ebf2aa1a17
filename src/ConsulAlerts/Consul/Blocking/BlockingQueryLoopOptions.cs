using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Blocking;

/// <summary>Settings of a <see cref="BlockingQueryLoop{T}"/>.</summary>
internal sealed record BlockingQueryLoopOptions
{
    /// <summary>Sent as <c>wait</c>; the transport's timeout is this × 17/16 plus a margin.</summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The wait of the first request after a failure. The index is kept across failures, so if the server's index
    /// went backwards meanwhile (a snapshot restore) that request would otherwise block for the whole <see cref="WaitTime"/>.
    /// </summary>
    public TimeSpan RecoveryWaitTime { get; init; } = TimeSpan.FromSeconds(10);

    public ConsulConsistency Consistency { get; init; }

    public string? Datacenter { get; init; }

    /// <summary><see cref="BlockingIndexMode.Equality"/> for <c>/v1/event/list</c>, Raft for everything else.</summary>
    public BlockingIndexMode IndexMode { get; init; } = BlockingIndexMode.Raft;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>
    /// The backoff cap while Consul is merely unreachable (no connection, no leader, 5xx): it comes back by itself,
    /// and a watch must follow within seconds, not minutes. <see cref="MaxBackoff"/> applies to other failures.
    /// </summary>
    public TimeSpan UnreachableMaxBackoff { get; init; } = Http.ConsulReachability.RetryCap;

    /// <summary>Share of each backoff that jitter may remove.</summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary>Requests allowed back to back before pacing starts.</summary>
    public int RateLimitBurst { get; init; } = 2;

    /// <summary>
    /// One request per this interval once the burst is used, when answers come back at once (churn, or a server
    /// that does not block). Zero turns pacing off.
    /// </summary>
    public TimeSpan RateLimitInterval { get; init; } = TimeSpan.FromSeconds(5);
}
