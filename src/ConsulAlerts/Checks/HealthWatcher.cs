using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// Watches <c>/v1/health/state/any</c> with one blocking query and feeds every changed snapshot to an
/// <see cref="IHealthSnapshotSink"/> (the <see cref="CheckEngine"/>), in either role. <see cref="RequestRefresh"/> cuts a blocking wait short and re-reads at once; it never
/// takes data from the caller, so a forged <c>consul watch</c> payload cannot fake a status.
/// </summary>
internal sealed class HealthWatcher
{
    private readonly HealthSnapshotSource _source;
    private readonly ConsulReachability _reachability;
    private readonly IHealthSnapshotSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HealthWatcherOptions _options;
    private readonly WakeableQuery<IReadOnlyList<CheckInfo>> _query;
    private readonly Action<Exception>? _failed;
    private long _lastRefreshTimestamp;
    private int _started;

    /// <param name="client">The Consul client.</param>
    /// <param name="sink">Takes every changed snapshot.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">Pace and datacenter; the agent's own datacenter by default.</param>
    /// <param name="failed">Told of every failed read (before its backoff); null when nobody listens.</param>
    public HealthWatcher(ConsulClient client, IHealthSnapshotSink sink, ILogger<HealthWatcher> logger, TimeProvider timeProvider, HealthWatcherOptions? options = null, Action<Exception>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new HealthWatcherOptions();
        _source = new HealthSnapshotSource(client, _options.Datacenter);
        _failed = failed;
        _reachability = client.Transport.Reachability;
        _sink = sink;
        _logger = logger;
        _time = timeProvider;
        _query = new WakeableQuery<IReadOnlyList<CheckInfo>>(_source.ReadAsync, RefreshAsync);
    }

    /// <summary>Watches until <paramref name="cancellationToken"/> is cancelled. Never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The health watcher is already running.");
        }

        var loop = new BlockingQueryLoop<IReadOnlyList<CheckInfo>>(
            _options.Datacenter.Length == 0 ? "health/state/any" : $"health/state/any?dc={_options.Datacenter}",
            _query.ReadAsync,
            (result, _) =>
            {
                _sink.Apply(result.Value);
                return Task.CompletedTask;
            },
            _options.Loop,
            _logger,
            _time,
            reachability: _reachability,
            answered: _sink.Confirm,
            failed: _failed);
        await loop.RunAsync(cancellationToken);
    }

    /// <summary>Re-read Consul now instead of waiting for the blocking query; safe to call from any thread, any number of times.</summary>
    public void RequestRefresh()
    {
        CheckLog.RefreshRequested(_logger);
        _query.Wake();
    }

    private async Task<QueryResult<IReadOnlyList<CheckInfo>>> RefreshAsync(QueryOptions query, CancellationToken cancellationToken)
    {
        var sinceLast = _time.GetElapsedTime(Interlocked.Read(ref _lastRefreshTimestamp));
        if (_lastRefreshTimestamp != 0 && sinceLast < _options.MinRefreshInterval)
        {
            await Task.Delay(_options.MinRefreshInterval - sinceLast, _time, cancellationToken);
        }

        Interlocked.Exchange(ref _lastRefreshTimestamp, _time.GetTimestamp());

        // Not blocking: answer with what Consul has now. The loop compares indexes as usual.
        return await _source.ReadAsync(query with { WaitIndex = 0, WaitTime = null }, cancellationToken);
    }
}
