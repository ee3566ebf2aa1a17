namespace ConsulAlerts.DevAgent.Txn;

/// <summary>The node of a transaction Node operation.</summary>
internal sealed record TxnNode
{
    public string? ID { get; init; }

    public string? Node { get; init; }

    public string? Address { get; init; }

    public Dictionary<string, string>? TaggedAddresses { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public ulong ModifyIndex { get; init; }
}
