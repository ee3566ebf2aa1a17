using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Kv;

/// <summary>A KV entry (docs/ARCHITECTURE.md, "Consul's API"). <see cref="Value"/> is null when the stored value is empty.</summary>
internal sealed record KvPair
{
    public string Key { get; init; } = "";

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>Counts successful lock acquisitions.</summary>
    public ulong LockIndex { get; init; }

    public ulong Flags { get; init; }

    /// <summary>Base64 on the wire; null when empty.</summary>
#pragma warning disable CA1819 // A DTO: the JSON serializer reads base64 into byte[].
    public byte[]? Value { get; init; }
#pragma warning restore CA1819

    /// <summary>The lock holder's session ID; null or empty means not locked.</summary>
    public string? Session { get; init; }

    [JsonIgnore]
    public bool IsLocked => !string.IsNullOrEmpty(Session);
}
