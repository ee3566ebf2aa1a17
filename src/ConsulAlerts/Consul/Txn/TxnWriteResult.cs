namespace ConsulAlerts.Consul.Txn;

/// <summary>The outcome of <see cref="TxnEndpoint.WriteAsync"/>: every operation committed except <see cref="Rejected"/>.</summary>
internal sealed record TxnWriteResult
{
    public static TxnWriteResult Complete { get; } = new();

    /// <summary>
    /// Operations that were not written because they are over Consul's size limits: found so before sending, or
    /// refused with 413 when sent alone. They are never sent again unchanged; the caller decides what to do instead.
    /// </summary>
    public IReadOnlyList<TxnOperation> Rejected { get; init; } = [];

    /// <summary>The transactions that committed.</summary>
    public int Transactions { get; init; }
}
