using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Leadership;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Watches <c>/v1/event/list</c> with a blocking query while this daemon leads, and gives every answer to an
/// <see cref="EventDispatcher"/> for the term. The event index is a hash of the last event's ID, so it is compared
/// for equality only. <see cref="RequestRefresh"/> (from <c>POST /v1/process/events</c>) cuts a blocking wait short;
/// the posted payload is never used, so a forged request cannot make a handler run.
/// </summary>
internal sealed class EventWatcher
{
    private readonly ConsulClient _client;
    private readonly HandledEventsStore _store;
    private readonly EventHandlerRunner _runner;
    private readonly AlertsConfigStore _config;
    private readonly ILogger<EventWatcher> _logger;
    private readonly TimeProvider _time;
    private readonly EventWatcherOptions _options;
    private readonly WakeableQuery<IReadOnlyList<UserEvent>> _query;
    private readonly RetryPipelines _retries;
    private readonly Outage _loading;

    public EventWatcher(
        ConsulClient client,
        HandledEventsStore store,
        EventHandlerRunner runner,
        AlertsConfigStore config,
        ILogger<EventWatcher> logger,
        TimeProvider timeProvider,
        EventWatcherOptions? options = null,
        RetryPipelines? retries = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _store = store;
        _runner = runner;
        _config = config;
        _logger = logger;
        _time = timeProvider;
        _options = options ?? new EventWatcherOptions();
        // The daemon's shared pipelines; a watcher built alone (tests) gets its own.
        _retries = retries ?? new RetryPipelines(timeProvider, client.Transport.Reachability);
        _loading = new Outage("Reading the handled events", logger, timeProvider);
        _query = new WakeableQuery<IReadOnlyList<UserEvent>>((query, cancellationToken) => _client.Events.ListAsync(name: null, query, cancellationToken));
    }

    /// <summary>
    /// Handles events for <paramref name="term"/> until it ends or <paramref name="stoppingToken"/> is cancelled:
    /// loads the handled set consistently first, then follows the event list. Returns normally when either ends.
    /// </summary>
    public async Task LeadAsync(LeaderTerm term, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Token);
        try
        {
            var loaded = await LoadAsync(leading.Token);
            var dispatcher = new EventDispatcher(loaded, _store, term.Guard, _runner, _config, _logger, stoppingToken);
            var loop = new BlockingQueryLoop<IReadOnlyList<UserEvent>>(
                "event/list",
                _query.ReadAsync,
                (result, ct) => dispatcher.ApplyAsync(result.Value, ct),
                _options.Loop with { IndexMode = BlockingIndexMode.Equality },
                _logger,
                _time,
                reachability: _client.Transport.Reachability);
            await loop.RunAsync(leading.Token);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
    }

    /// <summary>Re-read the event list now; safe from any thread, any number of times, in any role.</summary>
    public void RequestRefresh()
    {
        EventsLog.RefreshRequested(_logger);
        _query.Wake();
    }

    /// <summary>Reads the handled events (consistently), retrying on the term-start pipeline until it succeeds or the term ends.</summary>
    private async Task<HandledEventsState?> LoadAsync(CancellationToken cancellationToken)
    {
        var state = await _retries.RunAsync(RetryPipelines.TermStart, _loading, _store.LoadAsync, cancellationToken);
        EventsLog.StateLoaded(_logger, state?.Handled.Count ?? 0);
        return state;
    }
}
