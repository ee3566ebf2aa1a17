using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;

namespace ConsulAlerts.Checks;

/// <summary>Settings of the <see cref="HealthWatcher"/>.</summary>
internal sealed record HealthWatcherOptions
{
    /// <summary>The blocking loop: 5 min waits, stale reads (any server may answer, even without a leader).</summary>
    public BlockingQueryLoopOptions Loop { get; init; } = new()
    {
        WaitTime = TimeSpan.FromMinutes(5),
        Consistency = ConsulConsistency.Stale,
    };

    /// <summary>Refresh requests closer together than this are coalesced, so a flood of posts cannot hammer Consul.</summary>
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);
}
