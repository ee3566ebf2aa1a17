namespace ConsulAlerts.Consul.Txn;

/// <summary>What <see cref="TxnBatcher.PackGroups"/> made of a list of groups.</summary>
/// <param name="Transactions">The transactions to send in order.</param>
/// <param name="Oversized">The indexes of groups that no transaction can carry; never sent.</param>
internal sealed record TxnGroupPacking(IReadOnlyList<PackedTxn> Transactions, IReadOnlyList<int> Oversized);
