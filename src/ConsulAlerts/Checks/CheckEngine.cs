using ConsulAlerts.Configuration;
using ConsulAlerts.Leadership;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// The check engine across leadership changes. Every daemon keeps the latest health snapshot and, as a standby, the
/// stored check state it follows in KV, so the view (<see cref="ICheckView"/>) is warm in either role. For each leader
/// term, <see cref="LeadAsync"/> runs one <see cref="CheckTracker"/>: it reads the stored state consistently (seeing
/// everything the previous leader committed), applies the latest snapshot at once (pending timers continue from their
/// stored timestamps), and writes through a store guarded by the term's session. When the term ends the tracker
/// stops at once and its last state becomes the standby view.
/// </summary>
internal sealed class CheckEngine : ICheckView, IHealthSnapshotSink
{
    private readonly AlertsConfigStore _config;
    private readonly IAlertSink _sink;
    private readonly CheckStateStore _store;
    private readonly ILogger<CheckTracker> _trackerLogger;
    private readonly TimeProvider _time;
    private readonly CheckTrackerOptions? _options;
    private readonly Lock _gate = new();
    private IReadOnlyList<CheckInfo>? _latest;
    private Dictionary<CheckKey, CheckInfo>? _latestByKey;
    private Dictionary<CheckKey, CheckState> _stored = [];
    private CheckTracker? _active;

    public CheckEngine(
        AlertsConfigStore config,
        IAlertSink sink,
        CheckStateStore store,
        ILogger<CheckTracker> trackerLogger,
        TimeProvider timeProvider,
        CheckTrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trackerLogger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _config = config;
        _sink = sink;
        _store = store;
        _trackerLogger = trackerLogger;
        _time = timeProvider;
        _options = options;
    }

    /// <summary>Whether a tracker is deciding (this daemon leads and has loaded the stored state).</summary>
    public bool IsDeciding
    {
        get
        {
            lock (_gate)
            {
                return _active is not null;
            }
        }
    }

    public IReadOnlyCollection<CheckState> All
    {
        get
        {
            CheckTracker? active;
            Dictionary<CheckKey, CheckState> stored;
            lock (_gate)
            {
                active = _active;
                stored = _stored;
            }

            if (active is not null)
            {
                return active.All;
            }

            return stored.Select(pair => WithLiveCheck(pair.Key, pair.Value)).ToList();
        }
    }

    public bool TryGet(CheckKey key, out CheckState state)
    {
        CheckTracker? active;
        CheckState? stored;
        lock (_gate)
        {
            active = _active;
            _stored.TryGetValue(key, out stored);
        }

        if (active is not null)
        {
            return active.TryGet(key, out state);
        }

        state = stored is null ? null! : WithLiveCheck(key, stored);
        return stored is not null;
    }

    /// <summary>A new health snapshot: kept for the next term, and decided on at once while leading.</summary>
    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_gate)
        {
            _latest = checks;
            _latestByKey = null;

            // Under the lock, so a snapshot can never overtake the one a new tracker starts with.
            _active?.Apply(checks);
        }
    }

    /// <summary>The stored state as a standby last read it; ignored while leading (the tracker is the truth then).</summary>
    public void ApplyStored(IReadOnlyList<StoredCheckState> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var byKey = new Dictionary<CheckKey, CheckState>(stored.Count);
        foreach (var (_, state) in stored)
        {
            byKey[state.HealthCheck.Key] = state;
        }

        lock (_gate)
        {
            if (_active is null)
            {
                _stored = byKey;
            }
        }
    }

    /// <summary>
    /// Decides for one leader term: returns when the term ends or <paramref name="cancellationToken"/> is cancelled,
    /// with the tracker stopped.
    /// </summary>
    public async Task LeadAsync(LeaderTerm term, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term.Token);
        var tracker = new CheckTracker(_config, _sink, _store.Guarded(term.Guard), _trackerLogger, _time, _options, lifetime.Token);
        try
        {
            await tracker.LoadAsync(lifetime.Token);
            lock (_gate)
            {
                _active = tracker;
                if (_latest is { } snapshot)
                {
                    tracker.Apply(snapshot);
                }
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, _time, lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (_active == tracker)
                {
                    _active = null;
                    _stored = tracker.All.ToDictionary(s => s.HealthCheck.Key);
                }
            }

            await tracker.DisposeAsync();
        }
    }

    private CheckState WithLiveCheck(CheckKey key, CheckState stored)
    {
        Dictionary<CheckKey, CheckInfo>? live;
        lock (_gate)
        {
            live = _latestByKey ??= _latest?.ToDictionary(c => c.Key);
        }

        return live is not null && live.TryGetValue(key, out var info) ? stored with { HealthCheck = info } : stored;
    }
}
