namespace ConsulAlerts.Consul.Txn;

/// <summary>One transaction made by <see cref="TxnBatcher.PackGroups"/>.</summary>
/// <param name="Operations">Its operations, the guard first when there is one.</param>
/// <param name="Groups">The indexes of the groups it carries, whole.</param>
internal sealed record PackedTxn(IReadOnlyList<EncodedTxnOperation> Operations, IReadOnlyList<int> Groups);
