using ConsulAlerts.Configuration;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// The check engine across leadership changes. Every daemon keeps the latest health snapshot and, as a standby, the
/// stored check state it follows in KV, so the view (<see cref="ICheckView"/>) is warm in either role. For each leader
/// term, <see cref="LeadAsync"/> runs one <see cref="CheckTracker"/>: it reads the stored state consistently (seeing
/// everything the previous leader committed), waits for a health read answered after the term began (never deciding
/// on a snapshot from before it, which may predate an outage and show checks that are gone) and applies it (pending
/// timers continue from their stored timestamps); the tracker's decisions go to the router. When the term ends the
/// tracker stops at once and its last state becomes the standby view.
/// </summary>
internal sealed class CheckEngine : ICheckView, IMuteView, IHealthSnapshotSink
{
    private readonly AlertsConfigStore _config;
    private readonly Func<IDecisionSink> _sink;
    private readonly ICheckStateStore _store;
    private readonly ILogger<CheckTracker> _trackerLogger;
    private readonly TimeProvider _time;
    private readonly RetryPipelines _retries;
    private readonly Outage _loading;
    private readonly MuteContext _muting;
    private readonly Lock _gate = new();
    private IReadOnlyList<CheckInfo>? _latest;
    private Dictionary<CheckKey, CheckInfo>? _latestByKey;
    private MuteFacts? _latestFacts;
    private Dictionary<CheckKey, CheckState> _stored = [];
    private CheckTracker? _active;
    private long _answers;
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="config">The live configuration.</param>
    /// <param name="sink">The next stage (the router), resolved when a term begins: it reads this engine's view.</param>
    /// <param name="store">Where the stored state is read.</param>
    /// <param name="trackerLogger">Logger of the trackers.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="retries">Retries of the stored state's load; a pipeline on <paramref name="timeProvider"/> when null.</param>
    /// <param name="muting">Silences and datacenter for muting; none when null.</param>
    public CheckEngine(
        AlertsConfigStore config,
        Func<IDecisionSink> sink,
        ICheckStateStore store,
        ILogger<CheckTracker> trackerLogger,
        TimeProvider timeProvider,
        RetryPipelines? retries = null,
        MuteContext? muting = null)
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
        _retries = retries ?? new RetryPipelines(timeProvider);
        _loading = new Outage("Loading check states from Consul", trackerLogger, timeProvider);
        _muting = muting ?? MuteContext.None;
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

    /// <summary>While leading, the tracker's evaluator; as a standby, one on the latest health read.</summary>
    public MuteEvaluator Evaluator()
    {
        CheckTracker? active;
        MuteFacts? facts = null;
        var config = _config.Current;
        lock (_gate)
        {
            active = _active;
            if (active is null)
            {
                if (_latestFacts is null || !ReferenceEquals(_latestFacts.Rules, config.InhibitRules))
                {
                    _latestFacts = MuteFacts.Build(_latest ?? [], config.InhibitRules, _muting.Datacenter);
                }

                facts = _latestFacts;
            }
        }

        return active is not null
            ? active.Evaluator()
            : new MuteEvaluator(facts!, config, _muting.Silences.Silences, _muting.Datacenter, _time.GetUtcNow());
    }

    /// <summary>A new health snapshot: kept for the next term, and decided on at once while leading.</summary>
    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_gate)
        {
            _latest = checks;
            _latestByKey = null;
            _latestFacts = null;

            // Under the lock, so a snapshot can never overtake the one a new tracker starts with.
            _active?.Apply(checks);
        }
    }

    /// <summary>Consul answered a health read; <see cref="LeadAsync"/> waits for one answered after its term began.</summary>
    public void Confirm()
    {
        TaskCompletionSource answered;
        lock (_gate)
        {
            _answers++;
            answered = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answered.TrySetResult();
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
    /// with the tracker stopped. The tracker starts deciding with the first health read answered after this call
    /// (the health watcher is asked to read at once when a term begins).
    /// </summary>
    public Task LeadAsync(LeaderTerm term, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        long answersBefore;
        lock (_gate)
        {
            answersBefore = _answers;
        }

        return LeadTermAsync(term, answersBefore, cancellationToken);
    }

    private async Task LeadTermAsync(LeaderTerm term, long answersBefore, CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term.Token);
        using var tracker = new CheckTracker(_config, _sink(), _trackerLogger, _time, _muting);
        try
        {
            var stored = await _retries.RunAsync(RetryPipelines.TermStart, _loading, _store.LoadAsync, lifetime.Token);
            await FreshSnapshotAsync(answersBefore, lifetime.Token);
            lock (_gate)
            {
                // Under the lock, so a snapshot can never overtake the one the tracker starts with.
                tracker.Load(stored);
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
            tracker.Stop();
            lock (_gate)
            {
                if (_active == tracker)
                {
                    _active = null;
                    _stored = tracker.All.ToDictionary(s => s.HealthCheck.Key);
                }
            }
        }
    }

    /// <summary>Waits until Consul has answered a health read since <paramref name="answersBefore"/> were counted.</summary>
    private async Task FreshSnapshotAsync(long answersBefore, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task answered;
            lock (_gate)
            {
                if (_answers > answersBefore)
                {
                    return;
                }

                answered = _answered.Task;
            }

            await answered.WaitAsync(cancellationToken);
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
