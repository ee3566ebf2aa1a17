using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// Where decided deliveries are kept until they have succeeded or permanently failed. A decision's deliveries are
/// one batch: its entries, then a commit record written with the decision's check state (by the state writer), so a
/// batch whose writing was cut short is never read as whole.
/// </summary>
internal interface IOutboxStore
{
    /// <summary>The entries of committed batches, oldest first, read consistently, and the leftovers to clean up.</summary>
    Task<OutboxContents> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Removes entries, commit records or whole batches (an id ending in <c>/</c>), only while <paramref name="guard"/> holds.</summary>
    /// <exception cref="ConsulException">Consul could not be reached or the guard no longer holds.</exception>
    Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken);
}
