using ConsulAlerts.Consul.Blocking;

namespace ConsulAlerts.Events;

/// <summary>Settings of <see cref="EventWatcher"/>.</summary>
internal sealed record EventWatcherOptions
{
    /// <summary>The blocking loop on <c>/v1/event/list</c>; its index mode is always <see cref="BlockingIndexMode.Equality"/>.</summary>
    public BlockingQueryLoopOptions Loop { get; init; } = new();
}
