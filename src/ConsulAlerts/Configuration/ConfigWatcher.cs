using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Configuration;

/// <summary>
/// The only reader of configuration: one recursive blocking query on <c>&lt;prefix&gt;/config/</c>, parsed once per
/// change and published to <see cref="AlertsConfigStore"/>. A value that stops parsing keeps the key's last good value
/// (see <see cref="AlertsConfigParser.Parse"/>); a failed read keeps the last snapshot (the loop backs off);
/// a missing prefix means every default. Problems are logged when they first appear, and stay in the snapshot for
/// <c>/v1/status</c>.
/// </summary>
internal sealed class ConfigWatcher : BackgroundService
{
    private readonly ConsulClient _consul;
    private readonly AlertsConfigStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _prefix;

    public ConfigWatcher(ConsulClient consul, ConsulAlertsOptions options, AlertsConfigStore store, ILogger<ConfigWatcher> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(consul);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _consul = consul;
        _store = store;
        _logger = logger;
        _time = timeProvider;
        _prefix = options.KvPrefix;
        Root = AlertsConfigParser.ConfigRoot(options.KvPrefix);
    }

    /// <summary>The KV prefix watched, e.g. <c>consul-alerts/config/</c>.</summary>
    public string Root { get; }

    /// <summary>Blocking-query settings: the defaults suit production (5 min wait, backoff up to 3 min).</summary>
    public BlockingQueryLoopOptions LoopOptions { get; init; } = new();

    /// <summary>Parses one read and publishes it; never throws, so a parser bug cannot make the loop re-read in a tight cycle.</summary>
    internal Task ApplyAsync(QueryResult<IReadOnlyList<KvPair>> result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var previous = _store.Current;
        AlertsConfig config;
        try
        {
            // Revision 0 means "never read"; a successful read must count as loaded even from an odd index.
            // The snapshot in force lends its good values to keys whose new value does not parse.
            config = AlertsConfigParser.Parse(result.Value, _prefix, Math.Max(result.LastIndex, 1), previous);
        }
#pragma warning disable CA1031 // A parser bug must not stop configuration updates: keep the last good snapshot.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ConfigWatcherLog.ParseFailed(_logger, ex, Root, result.LastIndex, previous.Revision);
            return Task.CompletedTask;
        }

        // Each problem is logged once, when it appears; the snapshot lists all of them for /v1/status.
        var known = previous.Errors.ToHashSet();
        foreach (var error in config.Errors)
        {
            if (!known.Contains(error))
            {
                ConfigWatcherLog.ConfigProblem(_logger, error.Key, error.Message);
            }
        }

        var current = config.Errors.ToHashSet();
        var resolved = previous.Errors.Count(e => !current.Contains(e));
        if (resolved > 0)
        {
            ConfigWatcherLog.ProblemsResolved(_logger, resolved, config.Revision);
        }

        // A pattern that runs out of time on a name fails closed (it counts as matching); say so, once per key.
        config.PatternTimeouts.FirstTimeout += key => ConfigWatcherLog.PatternTimedOut(_logger, key, ConfiguredPattern.BacktrackingTimeout);
        _store.Publish(config);
        ConfigWatcherLog.Loaded(_logger, Root, config.Revision, result.Value.Count, config.Errors.Count);
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        return KvPrefixWatch.Create(_consul, Root, ApplyAsync, LoopOptions, _logger, _time).RunAsync(stoppingToken);
    }
}
