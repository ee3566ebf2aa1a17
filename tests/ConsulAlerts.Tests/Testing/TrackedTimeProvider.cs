namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/>, starting at <see cref="DefaultStart"/>, that also tells which of its timers
/// are armed and when the next one is due. Tests use it to wait until a component has armed its timer (it is now
/// waiting) before they advance time, and to prove that nothing is left scheduled; FakeTimeProvider keeps its timers
/// to itself, so this thin subclass watches them as they are created, changed, fired and disposed.
/// </summary>
internal sealed class TrackedTimeProvider : FakeTimeProvider
{
    /// <summary>The start of every test's clock unless it picks one: a fixed instant, so timestamps in assertions are stable.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    public TrackedTimeProvider()
        : this(DefaultStart)
    {
    }

    public TrackedTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Number of timers currently armed (due at a finite time).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>When the next armed timer is due; null when none is.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.DueAt is not null).Min(t => t.DueAt);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Arm(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, dueTime, period);
        return timer;
    }

    private sealed class TrackedTimer(TrackedTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public ITimer? Inner { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        // Before the callback, which may change the timer again: fired once it is disarmed; a periodic one is due a
        // period after its last due time, as FakeTimeProvider reschedules it (catching up, one firing per period).
        public void Fire()
        {
            lock (owner._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : (DueAt ?? owner.GetUtcNow()) + _period;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
