namespace ConsulAlerts.Consul.Txn;

/// <summary>The wire body of <c>/v1/txn</c>, on 200 and on 409.</summary>
internal sealed record TxnResponse
{
    public IReadOnlyList<TxnResultItem>? Results { get; init; }

    public IReadOnlyList<TxnError>? Errors { get; init; }
}
