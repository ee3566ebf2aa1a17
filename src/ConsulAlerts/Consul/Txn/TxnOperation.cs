using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Txn;

/// <summary>One operation of a <c>/v1/txn</c> call. Build it with the <c>Kv*</c> factories.</summary>
internal sealed record TxnOperation
{
    [JsonPropertyName("KV")]
    public TxnKvOperation? Kv { get; init; }

    public static TxnOperation KvSet(string key, ReadOnlyMemory<byte> value, ulong flags = 0) =>
        Make("set", key, value, flags: flags);

    /// <summary>Writes only if the key's ModifyIndex equals <paramref name="index"/>; 0 means "only if absent".</summary>
    public static TxnOperation KvCas(string key, ReadOnlyMemory<byte> value, ulong index, ulong flags = 0) =>
        Make("cas", key, value, flags: flags, index: index);

    public static TxnOperation KvLock(string key, ReadOnlyMemory<byte> value, string session, ulong flags = 0) =>
        Make("lock", key, value, flags: flags, session: session);

    public static TxnOperation KvUnlock(string key, ReadOnlyMemory<byte> value, string session, ulong flags = 0) =>
        Make("unlock", key, value, flags: flags, session: session);

    /// <summary>Reads a key; the transaction fails if it is missing.</summary>
    public static TxnOperation KvGet(string key) => Make("get", key);

    public static TxnOperation KvGetOrEmpty(string key) => Make("get-or-empty", key);

    public static TxnOperation KvGetTree(string prefix) => Make("get-tree", prefix);

    public static TxnOperation KvCheckIndex(string key, ulong index) => Make("check-index", key, index: index);

    public static TxnOperation KvCheckSession(string key, string session) => Make("check-session", key, session: session);

    public static TxnOperation KvCheckNotExists(string key) => Make("check-not-exists", key);

    public static TxnOperation KvDelete(string key) => Make("delete", key);

    public static TxnOperation KvDeleteTree(string prefix) => Make("delete-tree", prefix);

    public static TxnOperation KvDeleteCas(string key, ulong index) => Make("delete-cas", key, index: index);

    private static TxnOperation Make(
        string verb, string key, ReadOnlyMemory<byte>? value = null, ulong flags = 0, ulong index = 0, string? session = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new TxnOperation
        {
            Kv = new TxnKvOperation
            {
                Verb = verb,
                Key = key,
                Value = value is { } v ? v.ToArray() : null,
                Flags = flags,
                Index = index,
                Session = session,
            },
        };
    }
}
