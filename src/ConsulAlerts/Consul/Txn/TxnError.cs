namespace ConsulAlerts.Consul.Txn;

/// <summary>Why a transaction rolled back: the failing operation's position and the server's reason.</summary>
internal sealed record TxnError
{
    public int OpIndex { get; init; }

    public string What { get; init; } = "";
}
