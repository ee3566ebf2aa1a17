using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>
/// The silences known, as <see cref="SilenceWatcher"/> last read them from KV: one immutable snapshot swapped whole
/// (readers never lock), <see cref="Changed"/> raised after each swap. A silence this daemon has just written is shown
/// at once, before the watcher's next read returns it, so that a client reads its own write; the watcher's read at a
/// later index replaces it. <see cref="Changed"/> is also raised when a silence starts or ends by the clock, so that
/// a reader need not keep timers of its own to notice.
/// </summary>
internal sealed class SilenceStore : ISilenceSource, IDisposable
{
    /// <summary>The longest a boundary timer is armed for; a later boundary is armed again when it fires.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private ITimer? _boundaryTimer;
    private DateTimeOffset? _boundary;
    private bool _disposed;
    private readonly Dictionary<string, StoredSilence> _written = new(StringComparer.Ordinal);
    private Snapshot _current = Snapshot.Empty;
    private IReadOnlyList<StoredSilence> _read = [];
    private ulong _index;

    /// <param name="timeProvider">The clock that decides when a silence starts and ends; the system clock when null.</param>
    public SilenceStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Every valid silence (pending, active and expired in its retention), as rules for the muting stage.</summary>
    public IReadOnlyList<SilenceRule> Silences => Volatile.Read(ref _current).Rules;

    /// <summary>Every valid silence with its record, ordered by id.</summary>
    public IReadOnlyList<StoredSilence> All => Volatile.Read(ref _current).Records;

    /// <summary>Whether KV has been read at least once.</summary>
    public bool Loaded => Volatile.Read(ref _current).Loaded;

    /// <inheritdoc/>
    public event Action? Changed;

    public bool TryGet(string id, out StoredSilence silence) =>
        Volatile.Read(ref _current).ById.TryGetValue(id, out silence!);

    /// <summary>Replaces the silences with those read at <paramref name="index"/>.</summary>
    public void Publish(IReadOnlyList<StoredSilence> read, ulong index)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            _read = read;
            _index = index;

            // Writes this read already includes need no stand-in any more.
            foreach (var id in _written.Where(w => w.Value.ModifyIndex <= index).Select(w => w.Key).ToList())
            {
                _written.Remove(id);
            }

            Swap(loaded: true);
        }

        Changed?.Invoke();
    }

    /// <summary>Shows a silence this daemon has just written (read back with its ModifyIndex) until a read includes it.</summary>
    public void Observe(StoredSilence written)
    {
        ArgumentNullException.ThrowIfNull(written);
        lock (_gate)
        {
            if (written.ModifyIndex <= _index)
            {
                return;
            }

            _written[written.Id] = written;
            Swap(_current.Loaded);
        }

        Changed?.Invoke();
    }

    private void Swap(bool loaded)
    {
        var byId = new Dictionary<string, StoredSilence>(StringComparer.Ordinal);
        foreach (var silence in _read)
        {
            byId[silence.Id] = silence;
        }

        foreach (var (id, silence) in _written)
        {
            if (!byId.TryGetValue(id, out var read) || read.ModifyIndex < silence.ModifyIndex)
            {
                byId[id] = silence;
            }
        }

        var records = byId.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        Volatile.Write(ref _current, new Snapshot(loaded, records, [.. records.Select(s => s.Rule)], byId));
        ArmBoundary();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _boundaryTimer?.Dispose();
            _boundaryTimer = null;
        }
    }

    // The next moment a silence starts or ends; Changed is raised then. Called under the gate.
    private void ArmBoundary()
    {
        _boundaryTimer?.Dispose();
        _boundaryTimer = null;
        if (_disposed)
        {
            return;
        }

        var now = _time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var rule in _current.Rules)
        {
            foreach (var moment in (ReadOnlySpan<DateTimeOffset>)[rule.StartsAt, rule.EndsAt])
            {
                if (moment > now && (next is null || moment < next))
                {
                    next = moment;
                }
            }
        }

        _boundary = next;
        if (next is { } due)
        {
            var wait = due - now < LongestWait ? due - now : LongestWait;
            _boundaryTimer = _time.CreateTimer(static state => ((SilenceStore)state!).OnBoundary(), this, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnBoundary()
    {
        bool passed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            passed = _boundary is { } boundary && _time.GetUtcNow() >= boundary;
            ArmBoundary();
        }

        if (passed)
        {
            Changed?.Invoke();
        }
    }

    private sealed record Snapshot(
        bool Loaded, IReadOnlyList<StoredSilence> Records, IReadOnlyList<SilenceRule> Rules, IReadOnlyDictionary<string, StoredSilence> ById)
    {
        public static Snapshot Empty { get; } = new(false, [], [], new Dictionary<string, StoredSilence>(StringComparer.Ordinal));
    }
}
