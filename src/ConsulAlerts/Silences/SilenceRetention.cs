using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Silences;

/// <summary>
/// Leader-only: during each leader term, every <see cref="Interval"/>, deletes the silences that expired longer ago
/// than the retention (<c>config/silences/retention</c>, default 5 days). Each delete is one transaction of the term's
/// guard and a <c>delete-cas</c> on the ModifyIndex read, so a deposed leader deletes nothing and a silence changed
/// meanwhile (say, re-read after an edit) is looked at again on the next pass instead.
/// </summary>
internal sealed class SilenceRetention : BackgroundService
{
    /// <summary>How often the leader looks for silences past their retention.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly ConsulClient _consul;
    private readonly SilenceStore _store;
    private readonly AlertsConfigStore _config;
    private readonly Func<CancellationToken, Task<LeaderTerm>> _nextTerm;
    private readonly KvLayout _layout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _failing;

    public SilenceRetention(
        ConsulClient consul, ConsulAlertsOptions options, SilenceStore store, AlertsConfigStore config, LeaderElection election,
        TimeProvider timeProvider, ILogger<SilenceRetention> logger)
        : this(consul, options, store, config, (election ?? throw new ArgumentNullException(nameof(election))).WaitForTermAsync, timeProvider, logger)
    {
    }

    /// <param name="consul">Where silences are deleted.</param>
    /// <param name="options">The KV prefix.</param>
    /// <param name="store">The silences known.</param>
    /// <param name="config">The retention in force.</param>
    /// <param name="nextTerm">Completes with the next leader term (at once while leading).</param>
    /// <param name="timeProvider">The clock; virtual in tests.</param>
    /// <param name="logger">Where deletions and failures go.</param>
    internal SilenceRetention(
        ConsulClient consul, ConsulAlertsOptions options, SilenceStore store, AlertsConfigStore config,
        Func<CancellationToken, Task<LeaderTerm>> nextTerm, TimeProvider timeProvider, ILogger<SilenceRetention> logger)
    {
        ArgumentNullException.ThrowIfNull(consul);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(nextTerm);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _consul = consul;
        _store = store;
        _config = config;
        _nextTerm = nextTerm;
        _layout = new KvLayout(options.KvPrefix);
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>One pass: deletes, under <paramref name="guard"/>, every silence past its retention; returns how many went.</summary>
    /// <exception cref="Consul.Errors.ConsulException">Consul could not be reached, or the guard no longer holds.</exception>
    internal async Task<int> PurgeAsync(TxnOperation guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var retention = _config.Current.Silences.Retention;
        var now = _time.GetUtcNow();
        var deleted = 0;
        foreach (var stored in _store.All)
        {
            if (stored.Silence.EndsAt + retention > now)
            {
                continue;
            }

            var result = await _consul.Txn.ExecuteAsync([guard, TxnOperation.KvDeleteCas(_layout.Silence(stored.Id), stored.ModifyIndex)], null, cancellationToken);
            if (result.Committed)
            {
                deleted++;
                SilenceLog.Deleted(_logger, stored.Id, stored.Silence.EndsAt, retention);
            }
            else if (result.Errors.Any(e => e.OpIndex == 0))
            {
                throw new Consul.Errors.ConsulConflictException("PUT", "/v1/txn", $"this daemon no longer holds {guard.Kv!.Key}");
            }
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LeaderTerm term;
            try
            {
                term = await _nextTerm(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Token);
            try
            {
                while (true)
                {
                    try
                    {
                        await PurgeAsync(term.Guard, leading.Token);
                        _failing = false;
                    }
#pragma warning disable CA1031 // The next pass tries again; a repeated failure is logged once.
                    catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        if (!_failing)
                        {
                            SilenceLog.PurgeFailed(_logger, ex, Interval);
                        }

                        _failing = true;
                    }

                    await Task.Delay(Interval, _time, leading.Token);
                }
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
        }
    }
}
