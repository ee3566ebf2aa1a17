namespace ConsulAlerts.DevAgent.State;

/// <summary>
/// All TTL deadlines (checks, sessions) behind a single timer: a priority queue with lazy cancellation, so 100,000 TTL
/// checks cost one timer, and a manually advanced clock only has one timer to look at.
/// </summary>
internal sealed class DeadlineScheduler : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _gate;
    private readonly Action<string> _onDue;
    private readonly PriorityQueue<(string Key, long Version), DateTimeOffset> _queue = new();
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;
    private long _nextVersion;
    private bool _disposed;

    /// <param name="time">The clock.</param>
    /// <param name="gate">The store's lock; every method except the timer callback is called while holding it.</param>
    /// <param name="onDue">Called under <paramref name="gate"/> with the key of each deadline that passed.</param>
    public DeadlineScheduler(TimeProvider time, Lock gate, Action<string> onDue)
    {
        _time = time;
        _gate = gate;
        _onDue = onDue;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Sets (or replaces) the deadline of <paramref name="key"/>.</summary>
    public void Schedule(string key, TimeSpan delay)
    {
        var version = ++_nextVersion;
        _versions[key] = version;
        _queue.Enqueue((key, version), _time.GetUtcNow() + delay);
        Arm();
    }

    public void Cancel(string key) => _versions.Remove(key);

    public void Clear()
    {
        _versions.Clear();
        _queue.Clear();
        Arm();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void Arm()
    {
        while (_queue.TryPeek(out var head, out _) && !IsLive(head))
        {
            _queue.Dequeue();
        }

        if (!_queue.TryPeek(out _, out var next))
        {
            if (_armedFor is not null)
            {
                _armedFor = null;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        if (_armedFor == next)
        {
            return;
        }

        _armedFor = next;
        var delay = next - _time.GetUtcNow();
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private bool IsLive((string Key, long Version) item) =>
        _versions.TryGetValue(item.Key, out var version) && version == item.Version;

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _armedFor = null;
            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out var head, out var due) && due <= now)
            {
                _queue.Dequeue();
                if (IsLive(head))
                {
                    _versions.Remove(head.Key);
                    _onDue(head.Key);
                }
            }

            Arm();
        }
    }
}
