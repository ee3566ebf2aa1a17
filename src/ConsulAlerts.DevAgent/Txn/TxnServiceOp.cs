namespace ConsulAlerts.DevAgent.Txn;

/// <summary>A Service operation of a transaction: a service instance on <see cref="Node"/>.</summary>
internal sealed record TxnServiceOp
{
    public string? Verb { get; init; }

    public string? Node { get; init; }

    public TxnService? Service { get; init; }
}
