using ConsulAlerts.Consul.Blocking;

namespace ConsulAlerts.Events;

/// <summary>Settings of <see cref="EventWatcher"/>.</summary>
internal sealed record EventWatcherOptions
{
    /// <summary>The blocking loop on <c>/v1/event/list</c>; its index mode is always <see cref="BlockingIndexMode.Equality"/>.</summary>
    public BlockingQueryLoopOptions Loop { get; init; } = new();

    /// <summary>First delay when the handled events cannot be read at the start of a term; doubles up to <see cref="MaxLoadRetryDelay"/>.</summary>
    public TimeSpan LoadRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxLoadRetryDelay { get; init; } = TimeSpan.FromSeconds(60);
}
