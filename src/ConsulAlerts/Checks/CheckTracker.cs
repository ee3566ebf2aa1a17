using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;
using ConsulAlerts.Scheduling;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// Keeps every check's state for one leader term and runs the <see cref="CheckStateMachine"/> on it: each health
/// snapshot, each pending status falling due (one <see cref="EntityScheduler{TKey}"/> entry per pending check) and
/// each configuration change is one step, and the step's decisions go to the next stage (<see cref="IDecisionSink"/>,
/// the router) in order. It never waits for I/O and never hears back from the stages after it: what it decided is
/// recorded and delivered downstream (docs/ARCHITECTURE.md).
/// </summary>
internal sealed class CheckTracker : ICheckView, IMuteView, IHealthSnapshotSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CheckKey, TrackedCheck> _checks = [];
    private readonly AlertsConfigStore _config;
    private readonly IDecisionSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EntityScheduler<CheckKey> _timers;
    private readonly MuteStage _mutes;
    private long _generation;
    private bool _releaseDue;
    private bool _loaded;
    private bool _stopped;

    /// <param name="config">The live configuration: thresholds and <c>checks/enabled</c> are read at each step.</param>
    /// <param name="sink">Takes the decisions.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock of the pending timers.</param>
    /// <param name="muting">Silences and datacenter for muting; none when null (maintenance, inhibition and the blacklist still mute).</param>
    public CheckTracker(AlertsConfigStore config, IDecisionSink sink, ILogger<CheckTracker> logger, TimeProvider timeProvider, MuteContext? muting = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _config = config;
        _sink = sink;
        _logger = logger;
        _time = timeProvider;
        _timers = new EntityScheduler<CheckKey>(OnDue, timeProvider);
        _mutes = new MuteStage(config, muting ?? MuteContext.None, timeProvider, logger);
        _mutes.Due += OnMutesDue;
        _config.Changed += OnConfigChanged;
    }

    public IReadOnlyCollection<CheckState> All
    {
        get
        {
            lock (_gate)
            {
                return _checks.Values.Select(c => c.State).ToArray();
            }
        }
    }

    /// <summary>Checks being tracked.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _checks.Count;
            }
        }
    }

    /// <summary>Checks whose new status is waiting for its change-threshold.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _checks.Values.Count(c => c.State.Pending.Length > 0);
            }
        }
    }

    /// <summary>Timers armed: at most one per pending check, however often checks flap.</summary>
    public int ArmedTimers => _timers.Count;

    /// <summary>Whether <see cref="Load"/> has run.</summary>
    public bool Loaded
    {
        get
        {
            lock (_gate)
            {
                return _loaded;
            }
        }
    }

    public bool TryGet(CheckKey key, out CheckState state)
    {
        lock (_gate)
        {
            if (_checks.TryGetValue(key, out var check))
            {
                state = check.State;
                return true;
            }
        }

        state = null!;
        return false;
    }

    /// <summary>Checks whose muted change waits to be sent when its mute ends.</summary>
    public int UnsentCount
    {
        get
        {
            lock (_gate)
            {
                return _mutes.UnsentCount;
            }
        }
    }

    public MuteEvaluator Evaluator()
    {
        lock (_gate)
        {
            return _mutes.Evaluator();
        }
    }

    /// <summary>
    /// Takes the stored state (read when the term began) before the first snapshot: pending checks continue from
    /// their stored PendingTimestamp once a snapshot shows the status still holds; a state marked ForNotification is
    /// notified. Call once; a second call is ignored.
    /// </summary>
    public void Load(IReadOnlyList<StoredCheckState> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = _time.GetUtcNow();
        var pending = 0;
        var forNotification = 0;
        lock (_gate)
        {
            if (_loaded || _stopped)
            {
                return;
            }

            var step = new CheckStepOutput(_mutes, _logger);
            foreach (var (stateKey, state) in stored)
            {
                var key = state.HealthCheck.Key;
                if (_checks.ContainsKey(key))
                {
                    continue;
                }

                var result = CheckStateMachine.Load(state, now);
                var check = new TrackedCheck(result.State!, stateKey) { SeenGeneration = _generation };
                _checks[key] = check;
                _mutes.Track(key, state);
                pending += state.Pending.Length > 0 ? 1 : 0;
                forNotification += result.Outcome == CheckOutcome.Notify ? 1 : 0;
                step.Add(check, result);
            }

            // Muted changes the previous leader did not send are looked at once the first health read shows what mutes.
            _releaseDue = true;
            _loaded = true;
            Emit(step);
        }

        CheckLog.StateLoaded(_logger, stored.Count, pending, forNotification);
    }

    /// <summary>
    /// Applies one complete health snapshot (every check Consul knows): updates live output, starts, keeps, restarts
    /// or clears pending statuses and drops checks that are gone. Never blocks on I/O.
    /// </summary>
    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var now = _time.GetUtcNow();
        var config = _config.Current.Checks;
        lock (_gate)
        {
            // At the end of the term the watcher may deliver one more snapshot; there is nothing left to decide.
            if (_stopped)
            {
                return;
            }

            var generation = ++_generation;
            var step = new CheckStepOutput(_mutes, _logger);

            // First, so that changes confirmed in this step are judged on what this very read shows (a node going down).
            var release = _mutes.Observe(checks) | _releaseDue;
            _releaseDue = false;
            foreach (var info in checks)
            {
                var key = info.Key;
                if (!_checks.TryGetValue(key, out var check))
                {
                    var created = CheckStateMachine.Observe(null, info, RulesOf(info, config), now);
                    check = new TrackedCheck(created.State!, CheckStateStore.KeyOf(info)) { SeenGeneration = generation };
                    _checks[key] = check;
                    step.Add(check, created);
                    Arm(key, created);
                    continue;
                }

                check.SeenGeneration = generation;
                if (ReferenceEquals(check.State.HealthCheck, info))
                {
                    continue;
                }

                var stateKey = CheckStateStore.KeyOf(info);
                var moved = stateKey != check.StateKey;
                if (moved)
                {
                    // A check that moved to another service: its state moves with it.
                    step.Writes.Add(new CheckStateChange(check.StateKey, null));
                    check.StateKey = stateKey;
                }

                var result = CheckStateMachine.Observe(check.State, info, RulesOf(info, config), now);
                step.Add(check, moved ? result with { Store = true } : result);
                Arm(key, result);
            }

            // A datacenter not read yet (unreachable since the daemon started) keeps its checks as stored.
            var unread = HealthSnapshot.UnreadOf(checks);
            foreach (var check in _checks.Values.Where(c => c.SeenGeneration != generation && !unread.Contains(c.State.HealthCheck.Datacenter)).ToList())
            {
                var key = check.State.HealthCheck.Key;
                _checks.Remove(key);
                _timers.Cancel(key);
                step.Add(check, CheckStateMachine.Vanish(check.State));
                CheckLog.CheckVanished(_logger, key.Node, key.CheckId);
            }

            if (release || step.UnsentMoved)
            {
                step.AddReleased(_mutes.Release(_checks));
            }

            Emit(step);
        }
    }

    /// <summary>Nothing to do: the tracker decides on every snapshot it is given.</summary>
    void IHealthSnapshotSink.Confirm()
    {
    }

    /// <summary>Stops deciding: snapshots, timers and configuration changes are ignored from now on.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _config.Changed -= OnConfigChanged;
            _mutes.Due -= OnMutesDue;
        }

        _timers.Clear();
        _mutes.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _timers.Dispose();
    }

    private void OnDue(IReadOnlyList<CheckKey> due)
    {
        var now = _time.GetUtcNow();
        var config = _config.Current.Checks;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var step = new CheckStepOutput(_mutes, _logger);
            foreach (var key in due)
            {
                if (_checks.TryGetValue(key, out var check))
                {
                    var result = CheckStateMachine.Tick(check.State, RulesOf(check.State.HealthCheck, config), now);
                    step.Add(check, result);
                    Arm(key, result);
                }
            }

            if (step.UnsentMoved)
            {
                step.AddReleased(_mutes.Release(_checks));
            }

            Emit(step);
        }
    }

    private void OnConfigChanged(AlertsConfig config)
    {
        // New thresholds apply to checks already pending, counted from their PendingTimestamp.
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var step = new CheckStepOutput(_mutes, _logger);
            if (_mutes.RulesChanged)
            {
                _mutes.Observe(_checks.Values.Select(c => c.State.HealthCheck));
            }

            foreach (var (key, check) in _checks)
            {
                if (check.State.Pending.Length > 0)
                {
                    var result = CheckStateMachine.Tick(check.State, RulesOf(check.State.HealthCheck, config.Checks), now);
                    step.Add(check, result);
                    Arm(key, result);
                }
            }

            // The blacklist, maintenance-mutes or the rules may have changed: what they muted may go out now.
            step.AddReleased(_mutes.Release(_checks));
            Emit(step);
        }
    }

    /// <summary>The silences changed, or one ended: muted checks are looked at again.</summary>
    private void OnMutesDue()
    {
        lock (_gate)
        {
            if (_stopped || !_loaded)
            {
                return;
            }

            var step = new CheckStepOutput(_mutes, _logger);
            step.AddReleased(_mutes.Release(_checks));
            Emit(step);
        }
    }

    /// <summary>Arms, moves or removes the check's one timer. Called under the lock.</summary>
    private void Arm(CheckKey key, CheckStep step)
    {
        if (step.DueAt is { } due)
        {
            _timers.Schedule(key, due);
        }
        else
        {
            _timers.Cancel(key);
        }
    }

    /// <summary>Hands a step's decisions on, in order. Called under the lock.</summary>
    private void Emit(CheckStepOutput step)
    {
        var decisions = step.ToDecisions();
        if (!decisions.IsEmpty)
        {
            _sink.Accept(decisions);
        }
    }

    private static CheckRules RulesOf(CheckInfo info, ChecksConfig config) => new(
        // Without overrides the global threshold applies; skipping the lookup also keeps the shared empty instance out of it.
        ReferenceEquals(config.Overrides, ThresholdOverrides.None) ? config.ChangeThreshold : config.ThresholdFor(info.Node, info.ServiceId, info.CheckId),
        config.Enabled);
}
