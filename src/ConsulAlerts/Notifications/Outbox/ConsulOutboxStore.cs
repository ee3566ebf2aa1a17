using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The outbox in Consul KV below <c>&lt;prefix&gt;/outbox/</c> (<see cref="OutboxKeys"/>), read consistently by a new
/// leader. Batches are written by the state writer (<see cref="DecisionRecorder"/>); removals here are guarded by the
/// leader's session, so a daemon that no longer leads cannot remove deliveries, and packed within Consul's limits
/// (<see cref="TxnEndpoint.WriteAsync"/>).
/// </summary>
internal sealed class ConsulOutboxStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulOutboxStore> logger) : IOutboxStore
{
    public string Prefix { get; } = new KvLayout(options.KvPrefix).Outbox;

    public async Task<OutboxContents> LoadAsync(CancellationToken cancellationToken)
    {
        var pairs = await consul.Kv.ListAsync(Prefix, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        var entries = new List<OutboxEntry>(pairs.Value.Count);
        var batches = new Dictionary<string, (OutboxCommit? Commit, int Entries)>(StringComparer.Ordinal);
        foreach (var pair in pairs.Value)
        {
            if (!pair.Key.StartsWith(Prefix, StringComparison.Ordinal) || pair.Key.EndsWith('/'))
            {
                continue;
            }

            var id = pair.Key[Prefix.Length..];
            var batch = OutboxKeys.BatchOfEntry(id);
            if (batch is not null && id == OutboxKeys.Commit(batch))
            {
                var commit = Read(pair, OutboxJsonContext.Default.OutboxCommit) ?? new OutboxCommit();
                batches[batch] = (commit, batches.GetValueOrDefault(batch).Entries);
                continue;
            }

            if (batch is not null)
            {
                var known = batches.GetValueOrDefault(batch);
                batches[batch] = (known.Commit, known.Entries + 1);
            }

            if (Read(pair, OutboxJsonContext.Default.OutboxEntry) is { Messages.Count: > 0 } entry)
            {
                entries.Add(entry with { Id = id });
            }
        }

        var leftovers = new List<string>();
        foreach (var (batch, (commit, count)) in batches)
        {
            if (commit is null)
            {
                leftovers.Add(OutboxKeys.Tree(batch));
            }
            else if (count == 0)
            {
                leftovers.Add(OutboxKeys.Commit(batch));
            }
        }

        // Only committed batches (and entries of the earlier layout) are to be delivered.
        entries.RemoveAll(e => OutboxKeys.BatchOfEntry(e.Id) is { } batch && batches[batch].Commit is null);
        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        leftovers.Sort(StringComparer.Ordinal);
        return new OutboxContents(entries, leftovers);
    }

    public async Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var writes = ids.Select(id => id.EndsWith('/') ? TxnOperation.KvDeleteTree(Prefix + id) : TxnOperation.KvDelete(Prefix + id)).ToList();
        await consul.Txn.WriteAsync(writes, guard, cancellationToken);
    }

    /// <summary>The stored form of an entry (its id is the key, not part of the value).</summary>
    public static byte[] Serialize(OutboxEntry entry) =>
        JsonSerializer.SerializeToUtf8Bytes(entry, OutboxJsonContext.Default.OutboxEntry);

    private T? Read<T>(KvPair pair, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (pair.Value is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(value, type);
        }
        catch (JsonException ex)
        {
            OutboxLog.Unreadable(logger, pair.Key, ex.Message);
            return null;
        }
    }
}
