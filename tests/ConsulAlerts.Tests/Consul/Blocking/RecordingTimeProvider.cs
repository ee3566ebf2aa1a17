using System.Threading.Channels;

namespace ConsulAlerts.Tests.Consul.Blocking;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer created, so tests can see each delay asked for:
/// FakeTimeProvider does not tell what was asked of it.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Clock { get; } = new();

    public DateTimeOffset Start { get; } = new FakeTimeProvider().GetUtcNow();

    public TimeSpan Elapsed => Clock.GetUtcNow() - Start;

    public ChannelReader<TimeSpan> Timers => _timers.Reader;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits (in real time, generously) for the loop to start its next delay and returns its length.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _timers.Reader.ReadAsync(cts.Token);
    }

    public void Advance(TimeSpan delta) => Clock.Advance(delta);
}
