using ConsulAlerts.Consul;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>Where decided deliveries are recorded until they have succeeded or permanently failed.</summary>
internal interface IOutboxStore
{
    /// <summary>Every recorded entry, oldest first, read consistently; unreadable entries are logged and skipped.</summary>
    Task<IReadOnlyList<OutboxEntry>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Records entries, committing only while <paramref name="guard"/> holds (all or nothing per transaction).</summary>
    /// <exception cref="ConsulException">Consul could not be reached or the guard no longer holds.</exception>
    Task AddAsync(IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken);

    /// <summary>Removes a finished entry, only while <paramref name="guard"/> holds.</summary>
    /// <exception cref="ConsulException">Consul could not be reached or the guard no longer holds.</exception>
    Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken);
}
