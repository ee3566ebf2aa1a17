namespace ConsulAlerts.DevAgent.Txn;

/// <summary>A KV operation of a transaction; <see cref="Value"/> is base64 in JSON.</summary>
internal sealed record TxnKvOp
{
    public string? Verb { get; init; }

    public string? Key { get; init; }

    public byte[]? Value { get; init; }

    public ulong Flags { get; init; }

    public ulong Index { get; init; }

    public string? Session { get; init; }
}
