using System.Text.Json.Serialization;

namespace ConsulAlerts.DevAgent.Kv;

/// <summary>A stored key, in the JSON shape of Consul's DirEntry. Immutable: every write stores a new instance.</summary>
internal sealed record KvEntry
{
    public ulong LockIndex { get; init; }

    public required string Key { get; init; }

    public ulong Flags { get; init; }

    /// <summary>Base64 in JSON; null when the value is empty, as Consul sends it.</summary>
    public byte[]? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Session { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
