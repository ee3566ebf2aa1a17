using System.Text.Json.Serialization;

namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>A session in Consul's JSON shape; <see cref="LockDelay"/> is integer nanoseconds.</summary>
internal sealed record SessionEntry
{
    public required string ID { get; init; }

    public string Name { get; init; } = "";

    public required string Node { get; init; }

    public long LockDelay { get; init; }

    public string Behavior { get; init; } = SessionBehavior.Release;

    public string TTL { get; init; } = "";

    public string[] NodeChecks { get; init; } = [];

    public ServiceCheckRef[]? ServiceChecks { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    [JsonIgnore]
    public TimeSpan TtlValue { get; init; }
}
