namespace ConsulAlerts.Consul.Txn;

/// <summary>A transaction operation and the exact JSON it is sent as (values base64), which is what Consul's limits count.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Json">Its UTF-8 JSON, as it appears in the <c>/v1/txn</c> body.</param>
internal sealed record EncodedTxnOperation(TxnOperation Operation, ReadOnlyMemory<byte> Json)
{
    /// <summary>The size of the value as Consul stores it (decoded), 0 for verbs without one.</summary>
    public int ValueBytes => Operation.Kv?.Value?.Length ?? 0;
}
