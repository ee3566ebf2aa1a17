using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Hosting;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Silences;

/// <summary>
/// Follows <c>&lt;prefix&gt;/silences/</c> with one recursive blocking query, in every role (a standby must know the
/// silences the moment it leads), and publishes the valid ones to <see cref="SilenceStore"/>. A value that does not
/// parse or validate is skipped and logged once with its key (again only if it changes), without affecting the others;
/// a failed read keeps the last set (the loop backs off).
/// </summary>
internal sealed class SilenceWatcher : BackgroundService
{
    private readonly ConsulClient _consul;
    private readonly SilenceStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private Dictionary<string, ulong> _reported = new(StringComparer.Ordinal);

    public SilenceWatcher(ConsulClient consul, ConsulAlertsOptions options, SilenceStore store, ILogger<SilenceWatcher> logger, TimeProvider timeProvider)
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
        Root = new KvLayout(options.KvPrefix).Silences;
    }

    /// <summary>The KV prefix watched, e.g. <c>consul-alerts/silences/</c>.</summary>
    public string Root { get; }

    /// <summary>Blocking-query settings: the defaults suit production (5 min wait, backoff up to 3 min).</summary>
    public BlockingQueryLoopOptions LoopOptions { get; init; } = new();

    /// <summary>Decodes one read and publishes it; never throws, so a bug here cannot make the loop re-read in a tight cycle.</summary>
    internal Task ApplyAsync(QueryResult<IReadOnlyList<KvPair>> result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            Apply(result.Value, result.LastIndex);
        }
#pragma warning disable CA1031 // A decoding bug must not stop silence updates: keep the last set.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SilenceLog.ApplyFailed(_logger, ex, Root, result.LastIndex);
        }

        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        return KvPrefixWatch.Create(_consul, Root, ApplyAsync, LoopOptions, _logger, _time).RunAsync(stoppingToken);
    }

    private void Apply(IReadOnlyList<KvPair> pairs, ulong index)
    {
        // A silence whose value has not changed keeps its compiled rule.
        var previous = _store.All.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var silences = new List<StoredSilence>(pairs.Count);
        var reported = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (!pair.Key.StartsWith(Root, StringComparison.Ordinal) || pair.Key.EndsWith('/'))
            {
                continue; // a folder marker made in the UI
            }

            var id = pair.Key[Root.Length..];
            if (previous.TryGetValue(id, out var known) && known.ModifyIndex == pair.ModifyIndex)
            {
                silences.Add(known);
                continue;
            }

            var decoded = SilenceIds.IsValid(id)
                ? SilenceCodec.Decode(pair.Value, id)
                : new SilenceValidation(["key: does not end in a silence id (a lowercase UUID)"], null, null);
            if (decoded is { Silence: { } silence, Rule: { } rule })
            {
                silences.Add(new StoredSilence(silence, rule, pair.ModifyIndex));
                continue;
            }

            reported[pair.Key] = pair.ModifyIndex;
            if (!_reported.TryGetValue(pair.Key, out var seen) || seen != pair.ModifyIndex)
            {
                SilenceLog.Skipped(_logger, pair.Key, string.Join("; ", decoded.Errors));
            }
        }

        _reported = reported;
        _store.Publish(silences, index);
        SilenceLog.Loaded(_logger, Root, index, silences.Count, reported.Count);
    }
}
