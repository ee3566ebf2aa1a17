using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// The check state machine (DESIGN.md §2.3), in memory, one entry per (node, checkID). Each health snapshot updates
/// the live check and starts, keeps or clears a pending status; a per-check timer confirms a pending status once it
/// has held for the effective change-threshold, and the confirmed change goes to the <see cref="IAlertSink"/>.
/// Decisions never wait for I/O: deliveries and state writes run in the background, retried with backoff, and
/// state is written only when Current, Pending or ForNotification change, or a check appears or disappears.
/// <para>
/// With a store, a decided notification is handed over only after the state recording it (ForNotification set) has
/// been written, and ForNotification is cleared only once the sink has taken it over for good (the router records it
/// in the notification outbox): a crash or failover at any point leaves the pending status (decided again),
/// ForNotification (sent by the next leader) or the outbox entry, never a silent gap. One tracker serves one leader term; when the term ends it stops deciding and sending at once.
/// </para>
/// </summary>
internal sealed class CheckTracker : ICheckView, IHealthSnapshotSink, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CheckKey, TrackedCheck> _checks = [];
    private readonly Dictionary<string, TrackedCheck> _byStateKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly AlertsConfigStore _config;
    private readonly IAlertSink _sink;
    private readonly ICheckStateStore? _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CheckTrackerOptions _options;
    private readonly CancellationTokenSource _stopping;
    private readonly HashSet<Task> _deliveries = [];
    private readonly TimerCallback _onTimer;

    // Armed timers by due time (stale entries are skipped when they come up): a timer that fires confirms every check
    // due by then in one go, so a burst of changes is confirmed, written and notified together.
    private readonly PriorityQueue<TrackedCheck, DateTimeOffset> _armed = new();
    private List<Outgoing> _outbox = [];
    private readonly List<Outgoing> _unwritten = [];
    private List<CheckInfo> _vanished = [];
    private Task _notifyPump = Task.CompletedTask;
    private Task _writePump = Task.CompletedTask;
    private bool _notifyRunning;
    private bool _writeRunning;
    private long _generation;
    private bool _loaded;
    private bool _disposed;
    private bool _draining;

    /// <param name="config">The live configuration: thresholds and <c>checks/enabled</c> are read at each decision.</param>
    /// <param name="sink">Receives confirmed changes and vanished checks.</param>
    /// <param name="store">Where state is kept; null tracks in memory only (a standby, or unit tests).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock of the pending timers and retries.</param>
    /// <param name="options">Retry pacing; null for the defaults.</param>
    /// <param name="lifetime">The leader term: when cancelled, the tracker stops deciding, writing and sending at once.</param>
    public CheckTracker(
        AlertsConfigStore config,
        IAlertSink sink,
        ICheckStateStore? store,
        ILogger<CheckTracker> logger,
        TimeProvider timeProvider,
        CheckTrackerOptions? options = null,
        CancellationToken lifetime = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _config = config;
        _sink = sink;
        _store = store;
        _logger = logger;
        _time = timeProvider;
        _options = options ?? new CheckTrackerOptions();
        _onTimer = OnTimer;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        _config.Changed += OnConfigChanged;
    }

    public IReadOnlyCollection<CheckState> All
    {
        get
        {
            lock (_gate)
            {
                var states = new CheckState[_checks.Count];
                var i = 0;
                foreach (var check in _checks.Values)
                {
                    states[i++] = check.ToState();
                }

                return states;
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
                return _checks.Values.Count(c => c.Pending.Length > 0);
            }
        }
    }

    /// <summary>Whether stored state has been loaded (always true without a store once <see cref="LoadAsync"/> ran).</summary>
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
                state = check.ToState();
                return true;
            }
        }

        state = null!;
        return false;
    }

    /// <summary>
    /// Loads the stored state once, retrying with backoff until it succeeds or <paramref name="cancellationToken"/> is
    /// cancelled. Pending checks continue from their stored PendingTimestamp once the first snapshot confirms the
    /// status still holds; a stored ForNotification is delivered again. Call before the first snapshot.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            lock (_gate)
            {
                _loaded = true;
            }

            return;
        }

        IReadOnlyList<StoredCheckState> stored;
        var failures = 0;
        while (true)
        {
            lock (_gate)
            {
                if (_loaded)
                {
                    return;
                }
            }

            try
            {
                stored = await _store.LoadAsync(cancellationToken);
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = _options.RetryDelay(failures);
                CheckLog.StateLoadFailed(_logger, failures, ex.Message, delay);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }

        var pending = 0;
        var forNotification = 0;
        lock (_gate)
        {
            if (_loaded)
            {
                return;
            }

            foreach (var (stateKey, state) in stored)
            {
                var info = state.HealthCheck;
                var key = info.Key;
                if (_checks.ContainsKey(key))
                {
                    continue;
                }

                // The timer starts with the first snapshot that still shows the pending status (see Apply).
                var check = new TrackedCheck(key, info, stateKey)
                {
                    Current = state.Current,
                    CurrentTimestamp = state.CurrentTimestamp,
                    Pending = state.Pending,
                    PendingTimestamp = state.PendingTimestamp,
                    SeenGeneration = _generation,
                };
                _checks[key] = check;
                _byStateKey[stateKey] = check;
                pending += check.Pending.Length > 0 ? 1 : 0;
                if (state.ForNotification && check.Current.Length > 0)
                {
                    // The Go state does not keep the previous status.
                    forNotification++;
                    Emit(check, "", check.Current, state.CurrentTimestamp == default ? _time.GetUtcNow() : state.CurrentTimestamp, written: true);
                }
            }

            _loaded = true;
            StartPumps();
        }

        CheckLog.StateLoaded(_logger, stored.Count, pending, forNotification);
    }

    /// <summary>
    /// Applies one complete health snapshot (every check Consul knows): updates live output, starts or clears pending
    /// statuses and drops checks that are gone. Never blocks on I/O.
    /// </summary>
    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var now = _time.GetUtcNow();
        var config = _config.Current.Checks;
        lock (_gate)
        {
            // At shutdown or the end of the term the watcher may deliver one more snapshot; there is nothing left to decide.
            if (_disposed || _draining || _stopping.IsCancellationRequested)
            {
                return;
            }

            var generation = ++_generation;
            foreach (var info in checks)
            {
                var key = info.Key;
                if (!_checks.TryGetValue(key, out var check))
                {
                    check = Create(key, info, now, config);
                    check.SeenGeneration = generation;
                    continue;
                }

                check.SeenGeneration = generation;
                if (ReferenceEquals(check.Info, info))
                {
                    continue;
                }

                var stateKey = CheckStateStore.KeyOf(info);
                if (stateKey != check.StateKey)
                {
                    // A check that moved to another service: its state moves with it.
                    _byStateKey.Remove(check.StateKey);
                    MarkDirty(check.StateKey);
                    check.StateKey = stateKey;
                    _byStateKey[stateKey] = check;
                    MarkDirty(stateKey);
                }

                // Consul changed the check between the two reads (its index moved): whatever both show, it may have left its status meanwhile.
                var changedBetween = check.Info.ModifyIndex != 0 && info.ModifyIndex != 0 && check.Info.ModifyIndex != info.ModifyIndex;
                check.Info = info;
                Observe(check, info.Status, changedBetween, now, config);
                if (check.Pending.Length > 0 && check.Timer is null)
                {
                    Schedule(check, now, config);
                }
            }

            RemoveUnseen(generation);

            StartPumps();
        }
    }

    /// <summary>Nothing to do: the tracker decides on every snapshot it is given.</summary>
    void IHealthSnapshotSink.Confirm()
    {
    }

    /// <summary>Waits until every decided delivery and state write so far has been handed over (tests, shutdown).</summary>
    public async Task FlushAsync()
    {
        while (true)
        {
            Task notify;
            Task write;
            Task[] deliveries;
            lock (_gate)
            {
                if (!_notifyRunning && !_writeRunning && _deliveries.Count == 0)
                {
                    return;
                }

                notify = _notifyPump;
                write = _writePump;
                deliveries = [.. _deliveries];
            }

            await Task.WhenAll([notify, write, .. deliveries]);
        }
    }

    /// <summary>
    /// Stops deciding (snapshots and timers are ignored from now on) and lets what was already decided finish: state
    /// writes, deliveries under way and the writes recording them, for at most <paramref name="timeout"/>. For a
    /// clean shutdown while still leading, so the next leader neither repeats what was sent nor misses what was decided.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _draining = true;
            foreach (var check in _checks.Values)
            {
                check.StopTimer();
            }
        }

        try
        {
            await FlushAsync().WaitAsync(timeout, _time);
        }
        catch (TimeoutException)
        {
            CheckLog.DrainTimedOut(_logger, timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task notify;
        Task write;
        Task[] deliveries;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _config.Changed -= OnConfigChanged;
            foreach (var check in _checks.Values)
            {
                check.StopTimer();
            }

            notify = _notifyPump;
            write = _writePump;
            deliveries = [.. _deliveries];
        }

        await _stopping.CancelAsync();
        await Task.WhenAll([notify, write, .. deliveries]);
        _stopping.Dispose();
    }

    private void RemoveUnseen(long generation)
    {
        List<TrackedCheck>? gone = null;
        foreach (var check in _checks.Values)
        {
            if (check.SeenGeneration != generation)
            {
                (gone ??= []).Add(check);
            }
        }

        foreach (var check in gone ?? [])
        {
            check.StopTimer();
            _checks.Remove(check.Key);
            if (_byStateKey.TryGetValue(check.StateKey, out var owner) && owner == check)
            {
                _byStateKey.Remove(check.StateKey);
            }

            MarkDirty(check.StateKey);
            _vanished.Add(check.Info);
            CheckLog.CheckVanished(_logger, check.Key.Node, check.Key.CheckId);
        }
    }

    private TrackedCheck Create(CheckKey key, CheckInfo info, DateTimeOffset now, ChecksConfig config)
    {
        var stateKey = CheckStateStore.KeyOf(info);
        var check = new TrackedCheck(key, info, stateKey);
        _checks[key] = check;
        _byStateKey[stateKey] = check;
        MarkDirty(stateKey);
        if (info.Status == CheckStatus.Passing)
        {
            // First seen passing: nothing to tell anyone.
            check.Current = info.Status;
            check.CurrentTimestamp = now;
        }
        else
        {
            check.Pending = info.Status;
            check.PendingTimestamp = now;
            Schedule(check, now, config);
        }

        return check;
    }

    private void Observe(TrackedCheck check, string status, bool changedBetween, DateTimeOffset now, ChecksConfig config)
    {
        if (status == check.Current)
        {
            if (check.Pending.Length > 0)
            {
                ClearPending(check);
                MarkDirty(check.StateKey);
            }

            return;
        }

        if (status == check.Pending)
        {
            if (changedBetween)
            {
                // A check flapping faster than the reads can show the pending status at every read without holding it: the wait restarts.
                check.PendingTimestamp = now;
                MarkDirty(check.StateKey);
                Schedule(check, now, config);
            }

            return;
        }

        if (check.Current.Length == 0 && status == CheckStatus.Passing)
        {
            // Never confirmed anything and now passing: there is no problem to report or recover from.
            ClearPending(check);
            check.Current = status;
            check.CurrentTimestamp = now;
            MarkDirty(check.StateKey);
            return;
        }

        check.Pending = status;
        check.PendingTimestamp = now;
        MarkDirty(check.StateKey);
        Schedule(check, now, config);
    }

    private static void ClearPending(TrackedCheck check)
    {
        check.StopTimer();
        check.Pending = "";
        check.PendingTimestamp = default;
    }

    /// <summary>Arms the check's timer for PendingTimestamp + threshold, or confirms at once when that has passed.</summary>
    private void Schedule(TrackedCheck check, DateTimeOffset now, ChecksConfig config)
    {
        var threshold = ThresholdOf(check.Info, config);
        var due = check.PendingTimestamp + threshold - now;
        if (due <= TimeSpan.Zero)
        {
            Confirm(check, now, config);
            return;
        }

        if (check.Timer is null)
        {
            check.Timer = _time.CreateTimer(_onTimer, check, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            check.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }

        check.DueAt = now + due;
        _armed.Enqueue(check, now + due);
    }

    private static TimeSpan ThresholdOf(CheckInfo info, ChecksConfig config) =>
        // Without overrides the global threshold applies; skipping the lookup also keeps the shared empty instance out of it.
        ReferenceEquals(config.Overrides, ThresholdOverrides.None)
            ? config.ChangeThreshold
            : config.ThresholdFor(info.Node, info.ServiceId, info.CheckId);

    private void OnTimer(object? state)
    {
        var check = (TrackedCheck)state!;
        var now = _time.GetUtcNow();
        var config = _config.Current.Checks;
        lock (_gate)
        {
            // A timer can fire just after it was replaced or its check dropped: act only on the live entry.
            if (_disposed || _draining || _stopping.IsCancellationRequested || check.Pending.Length == 0 || !_checks.TryGetValue(check.Key, out var live) || live != check)
            {
                return;
            }

            Schedule(check, now, config);
            ConfirmDue(now, config);
            StartPumps();
        }
    }

    /// <summary>Confirms (or re-arms) every other check whose timer is due by <paramref name="now"/>. Called under the lock.</summary>
    private void ConfirmDue(DateTimeOffset now, ChecksConfig config)
    {
        while (_armed.TryPeek(out var check, out var due) && due <= now)
        {
            _armed.Dequeue();
            if (check.DueAt == due && check.Pending.Length > 0 && _checks.TryGetValue(check.Key, out var live) && live == check)
            {
                Schedule(check, now, config);
            }
        }
    }

    private void Confirm(TrackedCheck check, DateTimeOffset now, ChecksConfig config)
    {
        var previous = check.Current;
        var status = check.Pending;
        ClearPending(check);
        check.Current = status;
        check.CurrentTimestamp = now;
        MarkDirty(check.StateKey);
        if (CheckStatus.IsMaintenance(check.Key.CheckId))
        {
            CheckLog.SilentChange(_logger, check.Key.Node, check.Key.CheckId, status, "maintenance");
        }
        else if (!config.Enabled)
        {
            CheckLog.SilentChange(_logger, check.Key.Node, check.Key.CheckId, status, "checks disabled");
        }
        else
        {
            CheckLog.TransitionConfirmed(_logger, check.Key.Node, check.Key.CheckId, previous, status);
            Emit(check, previous, status, now);
        }
    }

    /// <summary>Decides a notification; it waits in <c>_unwritten</c> until the state saying so is stored, unless it already is.</summary>
    private void Emit(TrackedCheck check, string previous, string status, DateTimeOffset at, bool written = false)
    {
        check.ForNotification = true;
        check.NotificationSequence++;
        MarkDirty(check.StateKey);
        var outgoing = new Outgoing(new CheckTransition(check.Info, previous, status, at), check, check.NotificationSequence);
        (written || _store is null ? _outbox : _unwritten).Add(outgoing);
    }

    private void OnConfigChanged(AlertsConfig config)
    {
        // New thresholds apply to checks already pending, counted from their PendingTimestamp.
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_disposed || _draining)
            {
                return;
            }

            foreach (var check in _checks.Values.Where(c => c.Timer is not null).ToList())
            {
                Schedule(check, now, config.Checks);
            }

            StartPumps();
        }
    }

    private void MarkDirty(string stateKey)
    {
        if (_store is not null)
        {
            _dirty.Add(stateKey);
        }
    }

    /// <summary>Starts whichever background pump has work and is not running. Called under the lock.</summary>
    private void StartPumps()
    {
        if (_disposed || _stopping.IsCancellationRequested)
        {
            return;
        }

        if (!_notifyRunning && (_outbox.Count > 0 || _vanished.Count > 0))
        {
            _notifyRunning = true;
            _notifyPump = Task.Run(NotifyPumpAsync);
        }

        if (!_writeRunning && _dirty.Count > 0 && _loaded)
        {
            _writeRunning = true;
            _writePump = Task.Run(WritePumpAsync);
        }
    }

    private async Task NotifyPumpAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (true)
            {
                List<Outgoing> outgoing;
                List<CheckInfo> vanished;
                lock (_gate)
                {
                    if (_disposed || (_outbox.Count == 0 && _vanished.Count == 0))
                    {
                        _notifyRunning = false;
                        return;
                    }

                    outgoing = _outbox;
                    vanished = _vanished;
                    _outbox = [];
                    _vanished = [];
                }

                if (outgoing.Count > 0)
                {
                    var transitions = outgoing.ConvertAll(o => o.Transition);
                    var delivered = Task.CompletedTask;
                    await DeliverAsync(async ct => delivered = await _sink.OnTransitionsAsync(transitions, ct), transitions.Count, "status changes", token);

                    // Routing is in order; the deliveries themselves go on in the background, each notifier at its pace.
                    var clearing = ClearWhenDeliveredAsync(delivered, outgoing, token);
                    lock (_gate)
                    {
                        _deliveries.Add(clearing);
                    }

                    _ = clearing.ContinueWith(
                        done =>
                        {
                            lock (_gate)
                            {
                                _deliveries.Remove(done);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                if (vanished.Count > 0)
                {
                    await DeliverAsync(ct => _sink.OnVanishedAsync(vanished, ct), vanished.Count, "vanished checks", token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            lock (_gate)
            {
                _notifyRunning = false;
            }
        }
    }

    /// <summary>Clears ForNotification once the sink has taken the batch over for good; not when the term ended first.</summary>
    private async Task ClearWhenDeliveredAsync(Task delivered, List<Outgoing> outgoing, CancellationToken cancellationToken)
    {
        try
        {
            await delivered.WaitAsync(cancellationToken);
            lock (_gate)
            {
                foreach (var sent in outgoing)
                {
                    if (sent.Check.NotificationSequence == sent.Sequence
                        && _checks.TryGetValue(sent.Check.Key, out var live) && live == sent.Check)
                    {
                        sent.Check.ForNotification = false;
                        MarkDirty(sent.Check.StateKey);
                    }
                }

                StartPumps();
            }
        }
        catch (OperationCanceledException)
        {
            // The term ended before the notifiers had their turn: ForNotification stays, for the next leader.
        }
    }

    private async Task DeliverAsync(Func<CancellationToken, Task> deliver, int count, string what, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                await deliver(cancellationToken);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = _options.RetryDelay(failures);
                CheckLog.DeliveryFailure(_logger, ex, count, what, failures, delay);

                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private async Task WritePumpAsync()
    {
        var token = _stopping.Token;
        var failures = 0;
        try
        {
            while (true)
            {
                List<CheckStateChange> batch;
                List<Outgoing>? recorded = null;
                lock (_gate)
                {
                    if (_disposed || _store is null || _dirty.Count == 0)
                    {
                        _writeRunning = false;
                        return;
                    }

                    batch = new List<CheckStateChange>(Math.Min(_dirty.Count, ICheckStateStore.MaxBatch));
                    foreach (var stateKey in _dirty)
                    {
                        batch.Add(new CheckStateChange(stateKey, _byStateKey.TryGetValue(stateKey, out var check) ? check.ToState() : null));
                        if (batch.Count == ICheckStateStore.MaxBatch)
                        {
                            break;
                        }
                    }

                    foreach (var change in batch)
                    {
                        _dirty.Remove(change.Key);
                    }

                    if (_unwritten.Count > 0)
                    {
                        // Notifications this batch records: they may go out once it is written.
                        var keys = batch.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
                        recorded = _unwritten.FindAll(o => keys.Contains(o.Check.StateKey));
                        _unwritten.RemoveAll(o => keys.Contains(o.Check.StateKey));
                    }
                }

                try
                {
                    // A state Consul cannot hold is logged, never retried as it is, and holds up no notification.
                    CheckLog.StatesTooLarge(_logger, await _store.WriteAsync(batch, token));

                    if (recorded is { Count: > 0 })
                    {
                        lock (_gate)
                        {
                            _outbox.AddRange(recorded);
                            StartPumps();
                        }
                    }

                    if (failures > 0)
                    {
                        CheckLog.StateWriteRecovered(_logger, failures);
                        failures = 0;
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Put the keys back: the retry writes whatever their state is by then.
                    lock (_gate)
                    {
                        foreach (var change in batch)
                        {
                            _dirty.Add(change.Key);
                        }

                        _unwritten.AddRange(recorded ?? []);
                    }

                    failures++;
                    var delay = _options.RetryDelay(failures);
                    CheckLog.StateWriteFailure(_logger, batch.Count, failures, ex.Message, delay);

                    await Task.Delay(delay, _time, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            lock (_gate)
            {
                _writeRunning = false;
            }
        }
    }

    private sealed record Outgoing(CheckTransition Transition, TrackedCheck Check, long Sequence);
}
