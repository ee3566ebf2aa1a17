namespace ConsulAlerts.DevAgent.Txn;

/// <summary>The check of a transaction Check operation.</summary>
internal sealed record TxnCheck
{
    public string? Node { get; init; }

    public string? CheckID { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public string? Notes { get; init; }

    public string? Output { get; init; }

    public string? ServiceID { get; init; }

    public string? Type { get; init; }

    public ulong ModifyIndex { get; init; }
}
