namespace ConsulAlerts.Scheduling;

/// <summary>
/// Per-entity timers on one <see cref="ITimer"/>: each entity has at most one due time, arming it again replaces
/// it and cancelling removes it, so the scheduler never holds more entries than there are entities, however often
/// they are re-armed (YARP's <c>EntityActionScheduler</c> is the model). Every entity due by the time the timer fires
/// is handed over in one call, so a burst of changes due together is decided together. Hand-written because no
/// library offers keyed, replaceable timers on an injected <see cref="TimeProvider"/>.
/// </summary>
/// <typeparam name="TKey">The entity's key.</typeparam>
internal sealed class EntityScheduler<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _entries;
    private readonly SortedSet<Entry> _byDue = new(EntryComparer.Instance);
    private readonly Action<IReadOnlyList<TKey>> _onDue;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;
    private long _sequence;
    private bool _disposed;

    /// <param name="onDue">
    /// Called on a timer thread with the entities that fell due, already removed; it may arm them again. An entity
    /// re-armed while its call was on the way may come in early: callers check the time themselves.
    /// </param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="comparer">Compares keys; the default comparer when null.</param>
    public EntityScheduler(Action<IReadOnlyList<TKey>> onDue, TimeProvider timeProvider, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(onDue);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _onDue = onDue;
        _time = timeProvider;
        _entries = new Dictionary<TKey, Entry>(comparer);
        _timer = timeProvider.CreateTimer(static state => ((EntityScheduler<TKey>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Entities armed now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>When <paramref name="key"/> is due; null when it is not armed.</summary>
    public DateTimeOffset? DueOf(TKey key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Due : null;
        }
    }

    /// <summary>Arms <paramref name="key"/> for <paramref name="due"/>, replacing its earlier due time.</summary>
    public void Schedule(TKey key, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_entries.TryGetValue(key, out var existing))
            {
                if (existing.Due == due)
                {
                    return;
                }

                _byDue.Remove(existing);
            }

            var entry = new Entry(key, due, ++_sequence);
            _entries[key] = entry;
            _byDue.Add(entry);
            ArmLocked();
        }
    }

    /// <summary>Disarms <paramref name="key"/>; false when it was not armed.</summary>
    public bool Cancel(TKey key)
    {
        lock (_gate)
        {
            if (!_entries.Remove(key, out var entry))
            {
                return false;
            }

            _byDue.Remove(entry);
            ArmLocked();
            return true;
        }
    }

    /// <summary>Disarms every entity.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _byDue.Clear();
            ArmLocked();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _entries.Clear();
            _byDue.Clear();
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        List<TKey>? due = null;
        lock (_gate)
        {
            _armedFor = null;
            var now = _time.GetUtcNow();
            while (_byDue.Min is { } first && first.Due <= now)
            {
                _byDue.Remove(first);
                _entries.Remove(first.Key);
                (due ??= []).Add(first.Key);
            }

            ArmLocked();
        }

        if (due is not null)
        {
            _onDue(due);
        }
    }

    /// <summary>Points the timer at the earliest entry. Called under the lock.</summary>
    private void ArmLocked()
    {
        if (_disposed)
        {
            return;
        }

        var first = _byDue.Min;
        if (first is null)
        {
            if (_armedFor is not null)
            {
                _armedFor = null;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        if (_armedFor == first.Due)
        {
            return;
        }

        _armedFor = first.Due;
        var wait = first.Due - _time.GetUtcNow();
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private sealed record Entry(TKey Key, DateTimeOffset Due, long Sequence);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var byDue = x.Due.CompareTo(y.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
