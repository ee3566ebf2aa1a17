namespace ConsulAlerts.Consul.Txn;

/// <summary>What <see cref="TxnBatcher.Pack"/> made of a list of operations.</summary>
/// <param name="Transactions">The transactions to send in order, each starting with the guard when there is one.</param>
/// <param name="Oversized">Operations that no transaction can carry (a value over Consul's limit, or too big even alone with the guard); never sent.</param>
internal sealed record TxnPacking(IReadOnlyList<IReadOnlyList<EncodedTxnOperation>> Transactions, IReadOnlyList<TxnOperation> Oversized);
