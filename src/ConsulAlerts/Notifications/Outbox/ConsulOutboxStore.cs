using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The outbox in Consul KV below <c>&lt;prefix&gt;/outbox/</c> (<see cref="OutboxKeys"/>): every write is guarded by
/// the leader's session, so a daemon that no longer leads can neither record nor remove deliveries, and is packed
/// within Consul's limits (<see cref="TxnEndpoint.WriteAsync"/>). A batch that fits one transaction is written
/// atomically; a larger one is written in several, its commit record in the last.
/// </summary>
internal sealed class ConsulOutboxStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulOutboxStore> logger) : IOutboxStore
{
    public string Prefix { get; } = options.KvPrefix.Trim('/') is { Length: > 0 } prefix ? prefix + "/outbox/" : "outbox/";

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

    public async Task<IReadOnlyList<string>> AddAsync(string batch, IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batch);
        ArgumentNullException.ThrowIfNull(entries);

        // An earlier attempt at the same batch may have left entries (even another number of them): replace them all.
        var writes = new List<TxnOperation>(entries.Count + 2) { TxnOperation.KvDeleteTree(Prefix + OutboxKeys.Tree(batch)) };
        writes.AddRange(entries.Select(e => TxnOperation.KvSet(Prefix + e.Id, Serialize(e))));
        var commit = TxnOperation.KvSet(
            Prefix + OutboxKeys.Commit(batch),
            JsonSerializer.SerializeToUtf8Bytes(new OutboxCommit { Entries = entries.Count }, OutboxJsonContext.Default.OutboxCommit));
        writes.Add(commit);
        var result = await consul.Txn.WriteAsync(writes, guard, cancellationToken);
        if (result.Rejected.Contains(commit))
        {
            throw new ConsulTooLargeException("PUT", "/v1/txn", "the outbox commit record is over Consul's size limits");
        }

        return result.Rejected.Count == 0 ? [] : result.Rejected.Select(o => o.Kv!.Key[Prefix.Length..]).ToList();
    }

    public async Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var writes = ids.Select(id => id.EndsWith('/') ? TxnOperation.KvDeleteTree(Prefix + id) : TxnOperation.KvDelete(Prefix + id)).ToList();
        await consul.Txn.WriteAsync(writes, guard, cancellationToken);
    }

    public bool Fits(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Measured as it would be sent: the longest id a batch entry has, beside a guard of the usual size.
        var id = OutboxKeys.Entry(new string('0', 36), 99999);
        var guard = TxnOperation.KvCheckSession(Prefix + "leader", new string('0', 36));
        return TxnBatcher.Fits(TxnOperation.KvSet(Prefix + id, Serialize(entry)), guard);
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
