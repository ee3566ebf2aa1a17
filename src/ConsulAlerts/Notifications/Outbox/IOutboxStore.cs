using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// Where decided deliveries are recorded until they have succeeded or permanently failed. A decision's deliveries
/// are one batch: its entries first, then a commit record, so a batch whose writing was cut short is never read as
/// whole, and recording the same batch again replaces whatever an earlier attempt left.
/// </summary>
internal interface IOutboxStore
{
    /// <summary>The entries of committed batches, oldest first, read consistently, and the leftovers to clean up.</summary>
    Task<OutboxContents> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a batch (entries with their ids set by <see cref="OutboxKeys.Entry"/>), committing only while
    /// <paramref name="guard"/> holds: anything an earlier attempt left under the batch is replaced, the entries are
    /// written, then the commit record.
    /// </summary>
    /// <returns>The ids of entries that could not be recorded because they are over Consul's size limits.</returns>
    /// <exception cref="ConsulException">Consul could not be reached or the guard no longer holds; the batch is not committed.</exception>
    Task<IReadOnlyList<string>> AddAsync(string batch, IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken);

    /// <summary>Removes entries, commit records or whole batches (an id ending in <c>/</c>), only while <paramref name="guard"/> holds.</summary>
    /// <exception cref="ConsulException">Consul could not be reached or the guard no longer holds.</exception>
    Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="entry"/> can be recorded at all: it fits one Consul transaction beside the leader's guard.</summary>
    bool Fits(OutboxEntry entry);
}
