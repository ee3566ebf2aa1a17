using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// Reminders: a non-passing check whose profile has an Interval &gt; 0 is re-sent every Interval minutes until it
/// passes (the router deletes it), is blacklisted (checked against the current configuration at each firing), or
/// vanishes. Each reminder has its own timer (no polling loop), so any minute value is honoured to the minute.
/// <para>
/// A reminder is stored as the Go daemon stores it (a Message at <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c>)
/// whose <c>RmdCheck</c> is when it was last sent; the next firing is <c>RmdCheck + Interval</c>. Stored reminders are
/// loaded once by <see cref="StartAsync"/>, so they survive a restart or failover; a reminder that fell due while
/// no daemon ran fires at once (once, not once per missed interval). KV is written only when a reminder is created,
/// re-sent or deleted. A failed KV write is logged and the in-memory reminder stays authoritative.
/// </para>
/// <para>
/// At each firing the message takes the check's live output and status from <see cref="ICheckView"/>; a check the
/// view shows passing loses its reminder instead (a reminder that outlived its check's recovery never pages).
/// </para>
/// </summary>
internal sealed class ReminderScheduler(
    IReminderStore store,
    AlertsConfigStore configStore,
    ICheckView checks,
    INotificationDispatcher dispatcher,
    TimeProvider timeProvider,
    ILogger<ReminderScheduler> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<CheckKey, ReminderState> _reminders = [];
    private readonly Lock _inFlightGate = new();
    private readonly HashSet<Task> _inFlight = [];
    private bool _loaded;
    private CancellationToken _term = new(canceled: true);

    /// <summary>The armed reminders' messages, as of now.</summary>
    public IReadOnlyList<Message> Reminders
    {
        get
        {
            lock (_inFlightGate)
            {
                return _reminders.Values.Select(r => r.Message).ToList();
            }
        }
    }

    /// <summary>
    /// Loads the stored reminders and arms their timers (when this daemon becomes the leader). Reminders created
    /// since are kept over stored ones. <paramref name="cancellationToken"/> is the leader's term: reminders are sent
    /// only while it lasts. Throws <see cref="ConsulException"/> when KV cannot be read; call again.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Reminders are sent only while the term that started them lasts.
        _term = cancellationToken;
        var stored = await store.LoadAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var loaded = 0;
            foreach (var (storeKey, message) in stored)
            {
                var canonical = store.KeyFor(message.Key);
                if (message.Interval <= 0 || string.IsNullOrEmpty(message.Node) || string.IsNullOrEmpty(message.CheckId))
                {
                    await TryDeleteAsync(message, storeKey, cancellationToken);
                    continue;
                }

                bool known;
                lock (_inFlightGate)
                {
                    known = _reminders.ContainsKey(message.Key);
                }

                if (known)
                {
                    continue;
                }

                if (storeKey != canonical)
                {
                    // A key in an older layout (reminders/<node>): move it where this version looks for it.
                    await TryPutAsync(canonical, message, cancellationToken);
                    await TryDeleteAsync(message, storeKey, cancellationToken);
                }

                var state = new ReminderState(message, canonical);
                var due = message.RmdCheck + state.Interval - timeProvider.GetUtcNow();
                Arm(state, due < TimeSpan.Zero ? TimeSpan.Zero : due);
                lock (_inFlightGate)
                {
                    _reminders[message.Key] = state;
                }

                loaded++;
            }

            _loaded = true;
            RoutingLog.RemindersLoaded(logger, loaded);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Disarms every reminder and forgets them (leadership lost); KV keeps them for the next leader.</summary>
    public void Stop()
    {
        lock (_inFlightGate)
        {
            foreach (var state in _reminders.Values)
            {
                state.Timer?.Dispose();
            }

            _reminders.Clear();
            _loaded = false;
        }
    }

    /// <summary>Creates or replaces the reminder of <paramref name="message"/>'s check; it first fires Interval minutes after its RmdCheck.</summary>
    public async Task SetAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(message.Interval, 0);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = new ReminderState(message, store.KeyFor(message.Key));
            lock (_inFlightGate)
            {
                if (_reminders.Remove(message.Key, out var previous))
                {
                    previous.Timer?.Dispose();
                }

                _reminders[message.Key] = state;
            }

            var due = message.RmdCheck + state.Interval - timeProvider.GetUtcNow();
            Arm(state, due < TimeSpan.Zero ? TimeSpan.Zero : due);
            await TryPutAsync(state.StoreKey, message, cancellationToken);
            RoutingLog.ReminderSet(logger, message.Node, message.CheckId, message.Interval);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes a check's reminder, if it has one.</summary>
    public async Task DeleteAsync(CheckKey check, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await RemoveAsync(check, reason, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Completes when no reminder is being sent (for tests and orderly shutdown).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_inFlightGate)
            {
                pending = [.. _inFlight];
            }

            if (pending.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await WhenIdleAsync();
        _gate.Dispose();
    }

    private async Task RemoveAsync(CheckKey check, string reason, CancellationToken cancellationToken)
    {
        ReminderState? removed;
        lock (_inFlightGate)
        {
            _reminders.Remove(check, out removed);
        }

        removed?.Timer?.Dispose();
        if (removed is not null)
        {
            await TryDeleteAsync(removed.Message, removed.StoreKey, cancellationToken);
            RoutingLog.ReminderDeleted(logger, check.Node, check.CheckId, reason);
        }
        else if (!_loaded)
        {
            // Not loaded yet: KV may still hold one.
            await TryDeleteAsync(new Message { Node = check.Node, CheckId = check.CheckId }, store.KeyFor(check), cancellationToken);
        }
    }

    private void Arm(ReminderState state, TimeSpan due)
    {
        state.Timer?.Dispose();
        state.Timer = timeProvider.CreateTimer(_ => OnTimer(state), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(ReminderState state)
    {
        var firing = FireAsync(state);
        lock (_inFlightGate)
        {
            if (!firing.IsCompleted)
            {
                _inFlight.Add(firing);
            }
        }

        _ = firing.ContinueWith(
            done =>
            {
                lock (_inFlightGate)
                {
                    _inFlight.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task FireAsync(ReminderState state)
    {
        await Task.Yield();
        var key = state.Message.Key;
        try
        {
            Message? send = null;
            AlertsConfig config;
            await _gate.WaitAsync();
            try
            {
                bool current;
                lock (_inFlightGate)
                {
                    current = _reminders.TryGetValue(key, out var armed) && ReferenceEquals(armed, state);
                }

                if (!current)
                {
                    return;
                }

                config = configStore.Current;
                var message = state.Message;
                if (checks.TryGet(key, out var live))
                {
                    if (live.Current == CheckStatus.Passing)
                    {
                        await RemoveAsync(key, "the check is passing", CancellationToken.None);
                        return;
                    }

                    message = message with
                    {
                        Output = CheckText.Bound(live.HealthCheck.Output),
                        Status = string.IsNullOrEmpty(live.Current) ? message.Status : live.Current,
                    };
                }

                if (config.Blacklist.IsBlacklisted(message.Node, message.ServiceId, message.CheckId, message.Status))
                {
                    await RemoveAsync(key, "the check is blacklisted", CancellationToken.None);
                    return;
                }

                send = message with { RmdCheck = timeProvider.GetUtcNow() };
                state.Message = send;
                Arm(state, state.Interval);
                await TryPutAsync(state.StoreKey, send, CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }

            RoutingLog.ReminderFired(logger, send.Node, send.CheckId, send.Status);
            _ = DispatchAsync(send, config, _term);
        }
#pragma warning disable CA1031 // A timer callback must never take the process down; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RoutingLog.ReminderCrashed(logger, key.Node, key.CheckId, ex);
        }
    }

    private async Task DispatchAsync(Message send, AlertsConfig config, CancellationToken term)
    {
        try
        {
            await dispatcher.DispatchAsync([send], config, term);
        }
        catch (OperationCanceledException)
        {
            // The term ended: the next leader fires the reminder from its stored copy.
        }
        catch (ConsulException ex)
        {
            RoutingLog.ReminderNotRecorded(logger, send.Node, send.CheckId, ex.Message);
        }
    }

    private async Task TryPutAsync(string storeKey, Message message, CancellationToken cancellationToken)
    {
        try
        {
            await store.PutAsync(storeKey, message, cancellationToken);
        }
        catch (ConsulException ex)
        {
            RoutingLog.ReminderStoreFailed(logger, message.Node, message.CheckId, ex.Message);
        }
    }

    private async Task TryDeleteAsync(Message message, string storeKey, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(storeKey, cancellationToken);
        }
        catch (ConsulException ex)
        {
            RoutingLog.ReminderStoreFailed(logger, message.Node, message.CheckId, ex.Message);
        }
    }
}
