using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul;

/// <summary>The JSON body of <c>/v1/session/create</c>; durations are Go duration strings.</summary>
internal sealed record SessionCreateBody
{
    public string? Name { get; init; }

    public string? Node { get; init; }

    public string? LockDelay { get; init; }

    public string? Behavior { get; init; }

    [JsonPropertyName("TTL")]
    public string? Ttl { get; init; }

    public IReadOnlyList<string>? NodeChecks { get; init; }
}
