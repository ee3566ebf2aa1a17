using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Storage;

/// <summary>
/// One decision as the <see cref="StateWriter"/> stores it: <paramref name="Leading"/> operations (outbox entries)
/// that may commit in earlier transactions, then the <paramref name="Atomic"/> ones (the batch's commit record, the
/// check states and reminders that say it was decided) in one transaction. Its deliveries are handed to the
/// dispatcher once that transaction has committed.
/// </summary>
/// <param name="Leading">Written first, in any transactions before or with the atomic part.</param>
/// <param name="Atomic">Written together, after every leading operation.</param>
/// <param name="Deliveries">Queued once the atomic part has committed.</param>
internal sealed record WriteRecord(IReadOnlyList<TxnOperation> Leading, IReadOnlyList<TxnOperation> Atomic, IReadOnlyList<NotificationDelivery> Deliveries);
