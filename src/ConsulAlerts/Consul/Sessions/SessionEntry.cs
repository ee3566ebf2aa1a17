using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Sessions;

/// <summary>A session as the server reports it; <c>LockDelay</c> comes as integer nanoseconds.</summary>
internal sealed record SessionEntry
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Node { get; init; } = "";

    [JsonPropertyName("LockDelay")]
    public ulong LockDelayNanoseconds { get; init; }

    public string Behavior { get; init; } = "";

    /// <summary>Go duration text such as <c>"30s"</c>; empty when the session has no TTL.</summary>
    [JsonPropertyName("TTL")]
    public string Ttl { get; init; } = "";

    public IReadOnlyList<string>? NodeChecks { get; init; }

    public IReadOnlyList<SessionServiceCheck>? ServiceChecks { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    [JsonIgnore]
    public TimeSpan LockDelay => TimeSpan.FromTicks((long)Math.Min(LockDelayNanoseconds / 100, long.MaxValue));

    /// <summary>The TTL the server uses; renewals may raise it, so renew at half of this value.</summary>
    [JsonIgnore]
    public TimeSpan? TtlDuration => GoDuration.TryParse(Ttl, out var ttl) && ttl > TimeSpan.Zero ? ttl : null;
}
