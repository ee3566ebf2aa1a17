namespace ConsulAlerts.Consul.Txn;

/// <summary>The KV part of a transaction operation; which fields matter depends on <see cref="Verb"/> (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed record TxnKvOperation
{
    public string Verb { get; init; } = "";

    public string Key { get; init; } = "";

#pragma warning disable CA1819 // A DTO: the JSON serializer writes byte[] as base64.
    public byte[]? Value { get; init; }
#pragma warning restore CA1819

    public ulong Flags { get; init; }

    public ulong Index { get; init; }

    public string? Session { get; init; }
}
