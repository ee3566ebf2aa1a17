namespace ConsulAlerts.DevAgent.Txn;

/// <summary>A Node operation of a transaction.</summary>
internal sealed record TxnNodeOp
{
    public string? Verb { get; init; }

    public TxnNode? Node { get; init; }
}
