using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Health;

/// <summary>A health check as the health endpoints return it (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed record HealthCheck
{
    public string Node { get; init; } = "";

    [JsonPropertyName("CheckID")]
    public string CheckId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary><c>passing</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Status { get; init; } = "";

    public string Notes { get; init; } = "";

    public string Output { get; init; } = "";

    [JsonPropertyName("ServiceID")]
    public string ServiceId { get; init; } = "";

    public string ServiceName { get; init; } = "";

    /// <summary>Never null: the server may send <c>null</c>, which reads as empty.</summary>
    public IReadOnlyList<string> ServiceTags { get; init => field = value ?? []; } = [];

    public string Type { get; init; } = "";

    public int ExposedPort { get; init; }

    /// <summary>Kept as raw JSON: its durations may be strings or nanosecond numbers, and it is only passed through.</summary>
    public JsonElement? Definition { get; init; }

    public string? Namespace { get; init; }

    public string? Partition { get; init; }

    public string? PeerName { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
