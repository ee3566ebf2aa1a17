using System.Text.Json.Serialization;

namespace ConsulAlerts.Leadership;

/// <summary>The value of the lock key: who holds it, for operators reading KV and for standbys' status.</summary>
internal sealed record LockHolder
{
    public string Host { get; init; } = "";

    public int Pid { get; init; }

    /// <summary>The holder's API address (<c>--alert-addr</c>).</summary>
    public string Address { get; init; } = "";

    public DateTimeOffset Started { get; init; }

    public string Version { get; init; } = "";

    /// <summary>The session holding the key; taken from the key, not stored in the value.</summary>
    [JsonIgnore]
    public string Session { get; init; } = "";
}
