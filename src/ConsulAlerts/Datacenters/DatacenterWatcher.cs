using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Datacenters;

/// <summary>
/// Runs one health watch per other datacenter watched, each a blocking read through the local agent
/// (<c>/v1/health/state/any?dc=</c>) feeding the <see cref="DatacenterStage"/>, in every role. With <c>all</c>, the list
/// comes from <c>/v1/catalog/datacenters</c> and is read again every <see cref="RefreshInterval"/>; watches start and stop
/// as datacenters join and leave. Nothing runs when only the agent's own datacenter is watched.
/// </summary>
internal sealed class DatacenterWatcher
{
    /// <summary>How often <c>all</c> re-reads the datacenters Consul knows.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A datacenter that cannot be read is tried again at least this often (the local agent answers at once with an
    /// error), so that its return is noticed within seconds rather than after the health watch's long backoff.
    /// </summary>
    public static readonly TimeSpan RemoteMaxBackoff = TimeSpan.FromSeconds(10);

    private readonly ConsulClient _client;
    private readonly DatacenterStage _stage;
    private readonly DatacenterSelection _selection;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HealthWatcherOptions _watchOptions;
    private readonly Outage _listing;

    /// <param name="client">The Consul client (the local agent).</param>
    /// <param name="stage">Where every datacenter's snapshots and failures go.</param>
    /// <param name="selection">The datacenters to watch.</param>
    /// <param name="loggers">Loggers of the watches.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="watchOptions">Pace of each datacenter's watch (its datacenter is set per watch); the health watcher's by default.</param>
    public DatacenterWatcher(ConsulClient client, DatacenterStage stage, DatacenterSelection selection, ILoggerFactory loggers, TimeProvider timeProvider, HealthWatcherOptions? watchOptions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _stage = stage;
        _selection = selection;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DatacenterWatcher>();
        _time = timeProvider;
        _watchOptions = watchOptions ?? new HealthWatcherOptions();
        _listing = new Outage("Listing Consul's datacenters", _logger, timeProvider);
    }

    /// <summary>Watches until <paramref name="cancellationToken"/> is cancelled; never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_selection.IsLocalOnly)
        {
            return;
        }

        var watches = new Dictionary<string, (CancellationTokenSource Stop, Task Run)>(StringComparer.Ordinal);
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<string> wanted = _selection.Names;
                if (_selection.All)
                {
                    try
                    {
                        wanted = await _client.Catalog.DatacentersAsync(cancellationToken);
                        _listing.Succeeded();
                        failures = 0;
                    }
#pragma warning disable CA1031 // The list is read again after a backoff, whatever went wrong.
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        var delay = Backoff.Exponential(++failures, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), Random.Shared.NextDouble(), 0.2);
                        _listing.Failed(ex, delay);
                        await Task.Delay(delay, _time, cancellationToken);
                        continue;
                    }
                }

                Reconcile(watches, wanted, cancellationToken);
                await Task.Delay(_selection.All ? RefreshInterval : Timeout.InfiniteTimeSpan, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (stop, _) in watches.Values)
            {
                await stop.CancelAsync();
            }

            await Task.WhenAll(watches.Values.Select(w => w.Run));
            foreach (var (stop, _) in watches.Values)
            {
                stop.Dispose();
            }
        }
    }

    private void Reconcile(Dictionary<string, (CancellationTokenSource Stop, Task Run)> watches, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        var remote = wanted.Where(d => d != _stage.LocalDatacenter && DatacenterSelection.IsValidName(d)).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in watches.Keys.Where(d => !remote.Contains(d)).ToList())
        {
            DatacenterLog.WatchStopped(_logger, gone);
            watches[gone].Stop.Cancel();
            watches.Remove(gone);
        }

        _stage.Watch(remote);
        foreach (var datacenter in remote.Where(d => !watches.ContainsKey(d)))
        {
            DatacenterLog.WatchStarted(_logger, datacenter);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watcher = new HealthWatcher(
                _client,
                new RemoteSink(_stage, datacenter),
                _loggers.CreateLogger<HealthWatcher>(),
                _time,
                _watchOptions with { Datacenter = datacenter, Loop = _watchOptions.Loop with { MaxBackoff = RemoteMaxBackoff } },
                error =>
                {
                    // The local agent not answering says nothing of the other datacenter (consul-agent covers it).
                    if (error is not ConsulException { Kind: ConsulErrorKind.Transport })
                    {
                        _stage.RemoteFailed(datacenter, error);
                    }
                });
            watches[datacenter] = (stop, watcher.RunAsync(stop.Token));
        }
    }

    /// <summary>One datacenter's watch as seen by the stage.</summary>
    private sealed class RemoteSink(DatacenterStage stage, string datacenter) : IHealthSnapshotSink
    {
        public void Apply(IReadOnlyList<CheckInfo> checks) => stage.ApplyRemote(datacenter, checks);

        public void Confirm() => stage.RemoteAnswered(datacenter);
    }
}
