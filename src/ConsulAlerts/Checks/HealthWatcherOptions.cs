using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Checks;

/// <summary>Settings of the <see cref="HealthWatcher"/>.</summary>
internal sealed record HealthWatcherOptions
{
    /// <summary>
    /// The blocking loop: 5 min waits, stale reads (any server may answer, even without a leader), and at most one
    /// read a second under churn. Debouncing is only as good as the sampling: a slower pace would let a check that
    /// flaps between two reads look as if it had held its status, and delay notifications past threshold + 1 s.
    /// </summary>
    public BlockingQueryLoopOptions Loop { get; init; } = new()
    {
        WaitTime = TimeSpan.FromMinutes(5),
        Consistency = ConsulConsistency.Stale,
        RateLimitInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>Another datacenter to watch through the agent (<c>?dc=</c>); empty for the agent's own.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>Refresh requests closer together than this are coalesced, so a flood of posts cannot hammer Consul.</summary>
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);
}
