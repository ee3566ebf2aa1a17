using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The outbox in Consul KV at <c>&lt;prefix&gt;/outbox/&lt;id&gt;</c>: every write is a <c>/v1/txn</c> that first checks
/// the leader's session, so a daemon that no longer leads can neither record nor remove deliveries. Entries are
/// written in transactions of at most 63 entries and about 256 KiB, within Consul's limits.
/// </summary>
internal sealed class ConsulOutboxStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulOutboxStore> logger) : IOutboxStore
{
    /// <summary>Operations per transaction besides the guard (Consul allows 64).</summary>
    public const int MaxOperations = 63;

    /// <summary>Value bytes per transaction; Consul rejects a request over 512 KiB.</summary>
    public const int MaxTransactionBytes = 256 * 1024;

    public string Prefix { get; } = options.KvPrefix.Trim('/') is { Length: > 0 } prefix ? prefix + "/outbox/" : "outbox/";

    public async Task<IReadOnlyList<OutboxEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        var pairs = await consul.Kv.ListAsync(Prefix, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        var entries = new List<OutboxEntry>(pairs.Value.Count);
        foreach (var pair in pairs.Value)
        {
            if (pair.Value is not { Length: > 0 } value || pair.Key.EndsWith('/'))
            {
                continue;
            }

            try
            {
                var entry = JsonSerializer.Deserialize(value, OutboxJsonContext.Default.OutboxEntry);
                if (entry is { Messages.Count: > 0 })
                {
                    entries.Add(entry with { Id = pair.Key[Prefix.Length..] });
                }
            }
            catch (JsonException ex)
            {
                OutboxLog.Unreadable(logger, pair.Key, ex.Message);
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    public async Task AddAsync(IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var batch = new List<TxnOperation>();
        var bytes = 0;
        foreach (var entry in entries)
        {
            var value = Serialize(entry);
            if (batch.Count > 0 && (batch.Count == MaxOperations || bytes + value.Length > MaxTransactionBytes))
            {
                await CommitAsync(batch, guard, cancellationToken);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(TxnOperation.KvSet(Prefix + entry.Id, value));
            bytes += value.Length;
        }

        if (batch.Count > 0)
        {
            await CommitAsync(batch, guard, cancellationToken);
        }
    }

    public async Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var chunk in ids.Chunk(MaxOperations))
        {
            await CommitAsync(chunk.Select(id => TxnOperation.KvDelete(Prefix + id)).ToList(), guard, cancellationToken);
        }
    }

    /// <summary>The stored form of an entry (its id is the key, not part of the value).</summary>
    public static byte[] Serialize(OutboxEntry entry) =>
        JsonSerializer.SerializeToUtf8Bytes(entry, OutboxJsonContext.Default.OutboxEntry);

    private async Task CommitAsync(List<TxnOperation> writes, TxnOperation? guard, CancellationToken cancellationToken)
    {
        var operations = guard is null ? writes : [guard, .. writes];
        var result = await consul.Txn.ExecuteAsync(operations, options: null, cancellationToken);
        if (!result.Committed)
        {
            throw new ConsulConflictException("PUT", "/v1/txn", "this daemon no longer holds the leader lock");
        }
    }
}
