using System.Text.Json.Serialization;

namespace ConsulAlerts.DevAgent.Health;

/// <summary>A health check in the JSON shape the server sends (docs/ARCHITECTURE.md, "Consul's API"). Immutable: updates store a copy.</summary>
internal sealed record HealthCheck
{
    public required string Node { get; init; }

    public required string CheckID { get; init; }

    public string Name { get; init; } = "";

    public string Status { get; init; } = HealthStatus.Critical;

    public string Notes { get; init; } = "";

    public string Output { get; init; } = "";

    public string ServiceID { get; init; } = "";

    public string ServiceName { get; init; } = "";

    public string[] ServiceTags { get; init; } = [];

    public string Type { get; init; } = "";

    public string Interval { get; init; } = "";

    public string Timeout { get; init; } = "";

    public int ExposedPort { get; init; }

    public CheckDefinition Definition { get; init; } = CheckDefinition.Empty;

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>The TTL of an agent TTL check; not part of the JSON.</summary>
    [JsonIgnore]
    public TimeSpan? Ttl { get; init; }

    /// <summary>True when both describe the same check state, ignoring indexes.</summary>
    public bool SameAs(HealthCheck other) =>
        Node == other.Node && CheckID == other.CheckID && Name == other.Name && Status == other.Status
        && Notes == other.Notes && Output == other.Output && ServiceID == other.ServiceID
        && ServiceName == other.ServiceName && ServiceTags.SequenceEqual(other.ServiceTags) && Type == other.Type
        && Interval == other.Interval && Timeout == other.Timeout && Definition == other.Definition && Ttl == other.Ttl;
}
