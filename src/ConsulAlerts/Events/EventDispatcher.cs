using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Txn;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Hands each new event, once, to every configured handler, for one leader term. Before the handlers of an event run,
/// the event is recorded as in progress (with the leader's guard); once they have finished it is recorded as handled.
/// So a later leader never runs an event again, and runs every buffered event that no leader recorded. An event
/// found in progress (its leader stopped while the handlers ran) is not run again: handlers are not assumed to be
/// idempotent, so that window is at-most-once.
/// </summary>
internal sealed class EventDispatcher
{
    /// <summary>IDs kept in the store; older ones are dropped only once they have left the agent's 256-event buffer.</summary>
    public const int MaxRemembered = 512;

    private readonly HandledEventsStore _store;
    private readonly TxnOperation _guard;
    private readonly EventHandlerRunner _runner;
    private readonly AlertsConfigStore _config;
    private readonly ILogger _logger;
    private readonly CancellationToken _handlerToken;
    private readonly List<string> _order = [];
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private string? _interrupted;
    private bool _baselineNeeded;
    private bool _unsaved;

    /// <summary>
    /// <paramref name="loaded"/> is what the store held at the start of the term (null when nothing was ever stored);
    /// <paramref name="handlerToken"/> kills running handlers: the daemon's stop, not the term's end, so a handler is
    /// not cut off by a lost lock.
    /// </summary>
    public EventDispatcher(
        HandledEventsState? loaded,
        HandledEventsStore store,
        TxnOperation guard,
        EventHandlerRunner runner,
        AlertsConfigStore config,
        ILogger logger,
        CancellationToken handlerToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _guard = guard;
        _runner = runner;
        _config = config;
        _logger = logger;
        _handlerToken = handlerToken;
        _baselineNeeded = loaded is null;
        foreach (var id in loaded?.Handled ?? [])
        {
            Remember(id);
        }

        _interrupted = string.IsNullOrEmpty(loaded?.InProgress) || _handled.Contains(loaded.InProgress) ? null : loaded.InProgress;
    }

    /// <summary>IDs recorded as handled, oldest first.</summary>
    public IReadOnlyList<string> Handled => _order;

    /// <summary>
    /// Handles the events of one <c>/v1/event/list</c> answer (oldest first) that are not handled yet. Throws when
    /// Consul cannot record a step; the same list may then be given again and continues where it stopped.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffered = new HashSet<string>(events.Select(e => e.Id), StringComparer.Ordinal);
        if (_baselineNeeded)
        {
            // First start ever: what is already buffered happened before this daemon was in charge (the Go daemon
            // also ignored its first watch call). Recording an empty set too marks the start for later leaders.
            foreach (var e in events)
            {
                Remember(e.Id);
            }

            await SaveAsync(inProgress: null, buffered, cancellationToken);
            _baselineNeeded = false;
            EventsLog.Baseline(_logger, events.Count);
            return;
        }

        if (_interrupted is { } interrupted)
        {
            EventsLog.Interrupted(_logger, interrupted);
            Remember(interrupted);
            _interrupted = null;
        }

        foreach (var e in events)
        {
            if (string.IsNullOrEmpty(e.Id) || _handled.Contains(e.Id))
            {
                continue;
            }

            var settings = _config.Current.Events;
            if (!settings.Enabled || settings.Handlers.Count == 0)
            {
                // Events seen while handling is off are not kept for later: running them late would surprise more.
                EventsLog.Skipped(_logger, e.Id, e.Name, settings.Enabled ? "no handlers configured (events/handlers)" : "events/enabled is false");
                Remember(e.Id);
                continue;
            }

            // Recorded before anything runs: if this write is refused, this daemon no longer leads and runs nothing.
            await SaveAsync(inProgress: e.Id, buffered, cancellationToken);
            EventsLog.Handling(_logger, e.Id, e.Name, settings.Handlers.Count);
            var input = EventHandlerInput.From(e);
            foreach (var handler in settings.Handlers)
            {
                await _runner.RunAsync(handler, input, _handlerToken);
            }

            Remember(e.Id);
            await SaveAsync(inProgress: null, buffered, cancellationToken);
        }

        // Skipped events, an interrupted one, or a write that failed last time.
        if (_unsaved)
        {
            await SaveAsync(inProgress: null, buffered, cancellationToken);
        }
    }

    private void Remember(string id)
    {
        if (_handled.Add(id))
        {
            _order.Add(id);
            _unsaved = true;
        }
    }

    private async Task SaveAsync(string? inProgress, HashSet<string> buffered, CancellationToken cancellationToken)
    {
        // Only IDs that can no longer come back (gone from the buffer) are forgotten, oldest first.
        for (var i = 0; _order.Count > MaxRemembered && i < _order.Count;)
        {
            if (buffered.Contains(_order[i]))
            {
                i++;
                continue;
            }

            _handled.Remove(_order[i]);
            _order.RemoveAt(i);
        }

        var state = new HandledEventsState { Handled = _order.ToArray(), InProgress = inProgress };
        await _store.SaveAsync(state, _guard, cancellationToken);
        _unsaved = false;
    }
}
