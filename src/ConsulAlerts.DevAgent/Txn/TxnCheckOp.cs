namespace ConsulAlerts.DevAgent.Txn;

/// <summary>A Check operation of a transaction.</summary>
internal sealed record TxnCheckOp
{
    public string? Verb { get; init; }

    public TxnCheck? Check { get; init; }
}
