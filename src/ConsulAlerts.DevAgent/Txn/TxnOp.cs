namespace ConsulAlerts.DevAgent.Txn;

/// <summary>One operation of <c>PUT /v1/txn</c>: exactly one of KV, Node, Service or Check.</summary>
internal sealed record TxnOp
{
    public TxnKvOp? KV { get; init; }

    public TxnNodeOp? Node { get; init; }

    public TxnServiceOp? Service { get; init; }

    public TxnCheckOp? Check { get; init; }
}
