using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Scheduling;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// Reminders: a non-passing check whose profile has an Interval &gt; 0 is re-sent every Interval minutes until it
/// passes, is blacklisted (checked against the current configuration at each firing) or vanishes. One
/// <see cref="EntityScheduler{TKey}"/> entry per reminder, so any minute value is honoured to the minute.
/// <para>
/// A reminder is stored as the Go daemon stores it (a Message at <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c>)
/// whose <c>RmdCheck</c> is when it was last sent; the next firing is <c>RmdCheck + Interval</c>. It is written only in
/// the transaction that records a delivery (the router's decision, or a firing: the advanced RmdCheck commits with
/// the firing's outbox entries), or deleted. A new leader reads them consistently (<see cref="StartAsync"/>); one that
/// fell due while no daemon ran fires at once (once, not once per missed interval).
/// </para>
/// <para>
/// At each firing the message takes the check's live output and status from the read-only <see cref="ICheckView"/>;
/// a check the view shows passing loses its reminder instead (a reminder that outlived its check's recovery never pages).
/// </para>
/// </summary>
internal sealed class ReminderScheduler : IDisposable
{
    private readonly IReminderStore _store;
    private readonly AlertsConfigStore _config;
    private readonly ICheckView _checks;
    private readonly IDecisionRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LocalDatacenter _local;
    private readonly Lock _gate = new();
    private readonly Dictionary<CheckKey, ReminderState> _reminders = [];
    private readonly EntityScheduler<CheckKey> _timers;
    private bool _loaded;

    public ReminderScheduler(IReminderStore store, AlertsConfigStore configStore, ICheckView checks, IDecisionRecorder recorder, TimeProvider timeProvider, ILogger<ReminderScheduler> logger, LocalDatacenter? local = null)
    {
        _local = local ?? LocalDatacenter.Unknown;
        _store = store;
        _config = configStore;
        _checks = checks;
        _recorder = recorder;
        _time = timeProvider;
        _logger = logger;
        _timers = new EntityScheduler<CheckKey>(OnDue, timeProvider);
    }

    /// <summary>The armed reminders' messages, as of now.</summary>
    public IReadOnlyList<Message> Reminders
    {
        get
        {
            lock (_gate)
            {
                return _reminders.Values.Select(r => r.Message).ToList();
            }
        }
    }

    /// <summary>Timers armed: one per reminder.</summary>
    public int ArmedTimers => _timers.Count;

    /// <summary>
    /// Loads the stored reminders (consistently) and arms them, when this daemon becomes the leader; reminders set
    /// since are kept over stored ones. Throws <see cref="Consul.Errors.ConsulException"/> when KV cannot be read; call again.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(cancellationToken);
        var writes = new List<TxnOperation>();
        var loaded = 0;
        lock (_gate)
        {
            foreach (var (storeKey, message) in stored)
            {
                if (message.Interval <= 0 || string.IsNullOrEmpty(message.Node) || string.IsNullOrEmpty(message.CheckId))
                {
                    writes.Add(TxnOperation.KvDelete(storeKey));
                    continue;
                }

                if (_reminders.ContainsKey(message.Key))
                {
                    continue;
                }

                var canonical = _store.KeyFor(message.Key);
                if (storeKey != canonical)
                {
                    // A key in an older layout (reminders/<node>): move it where this version looks for it.
                    writes.Add(ConsulReminderStore.Put(canonical, message));
                    writes.Add(TxnOperation.KvDelete(storeKey));
                }

                var state = new ReminderState(message, canonical);
                _reminders[message.Key] = state;
                _timers.Schedule(message.Key, message.RmdCheck + state.Interval);
                loaded++;
            }

            _loaded = true;
        }

        _recorder.Write([], writes);
        RoutingLog.RemindersLoaded(_logger, loaded);
    }

    /// <summary>Disarms every reminder and forgets them (leadership lost); KV keeps them for the next leader.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _reminders.Clear();
            _loaded = false;
        }

        _timers.Clear();
    }

    /// <summary>
    /// Creates or replaces the reminder of <paramref name="message"/>'s check (it first fires Interval minutes after
    /// its RmdCheck) and returns the write that stores it, to go with the decision's record.
    /// </summary>
    public TxnOperation Set(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(message.Interval, 0);
        var state = new ReminderState(message, _store.KeyFor(message.Key));
        lock (_gate)
        {
            _reminders[message.Key] = state;
            _timers.Schedule(message.Key, message.RmdCheck + state.Interval);
        }

        RoutingLog.ReminderSet(_logger, message.Node, message.CheckId, message.Interval);
        return ConsulReminderStore.Put(state.StoreKey, message);
    }

    /// <summary>Deletes a check's reminder; returns the write that deletes it from KV, or null when there is none.</summary>
    public TxnOperation? Remove(CheckKey check, string reason)
    {
        ReminderState? removed;
        bool loaded;
        lock (_gate)
        {
            _reminders.Remove(check, out removed);
            _timers.Cancel(check);
            loaded = _loaded;
        }

        if (removed is not null)
        {
            RoutingLog.ReminderDeleted(_logger, check.Node, check.CheckId, reason);
            return TxnOperation.KvDelete(removed.StoreKey);
        }

        // Not loaded yet: KV may still hold one.
        return loaded ? null : TxnOperation.KvDelete(_store.KeyFor(check));
    }

    public void Dispose() => _timers.Dispose();

    private void OnDue(IReadOnlyList<CheckKey> due)
    {
        try
        {
            var config = _config.Current;
            var now = _time.GetUtcNow();
            List<(CheckKey Key, ReminderState State)> firing = [];
            lock (_gate)
            {
                foreach (var key in due)
                {
                    if (!_reminders.TryGetValue(key, out var state))
                    {
                        continue;
                    }

                    if (state.Message.RmdCheck + state.Interval > now)
                    {
                        // Re-armed while this call was on its way.
                        _timers.Schedule(key, state.Message.RmdCheck + state.Interval);
                        continue;
                    }

                    firing.Add((key, state));
                }
            }

            // The live view is read outside this lock: the tracker calls into the router, and so here, under its own.
            var live = firing.ConvertAll(f => _checks.TryGet(f.Key, out var state) ? state : null);
            var sends = new List<RoutedChange>();
            var deletes = new List<TxnOperation>();
            lock (_gate)
            {
                for (var i = 0; i < firing.Count; i++)
                {
                    var (key, state) = firing[i];
                    if (!_reminders.TryGetValue(key, out var current) || !ReferenceEquals(current, state))
                    {
                        continue; // replaced or removed meanwhile
                    }

                    var message = state.Message;
                    if (live[i] is { } check)
                    {
                        if (check.Current == CheckStatus.Passing)
                        {
                            Drop(key, state, "the check is passing", deletes);
                            continue;
                        }

                        message = message with
                        {
                            Output = CheckText.Bound(check.HealthCheck.Output),
                            Status = string.IsNullOrEmpty(check.Current) ? message.Status : check.Current,
                            ServiceTags = check.HealthCheck.ServiceTags,
                        };
                    }

                    if (config.Blacklist.IsBlacklisted(message.Node, message.ServiceId, message.CheckId, message.Status, message.ServiceTags, datacenter: _local.Resolve(message.Datacenter)))
                    {
                        Drop(key, state, "the check is blacklisted", deletes);
                        continue;
                    }

                    var send = message with { RmdCheck = now };
                    _reminders[key] = state with { Message = send };
                    _timers.Schedule(key, now + state.Interval);
                    RoutingLog.ReminderFired(_logger, send.Node, send.CheckId, send.Status);

                    // The advanced reminder commits with the firing's deliveries, never before them.
                    sends.Add(new RoutedChange(send, State: null, ConsulReminderStore.Put(state.StoreKey, send)));
                }

                _recorder.Write([], deletes);
                if (sends.Count > 0)
                {
                    _recorder.Record(sends, config);
                }
            }
        }
#pragma warning disable CA1031 // A timer callback must never take the process down; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RoutingLog.ReminderCrashed(_logger, due.Count > 0 ? due[0].Node : "", due.Count > 0 ? due[0].CheckId : "", ex);
        }
    }

    private void Drop(CheckKey key, ReminderState state, string reason, List<TxnOperation> deletes)
    {
        _reminders.Remove(key);
        deletes.Add(TxnOperation.KvDelete(state.StoreKey));
        RoutingLog.ReminderDeleted(_logger, key.Node, key.CheckId, reason);
    }
}
