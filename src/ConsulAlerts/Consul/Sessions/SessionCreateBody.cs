using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Sessions;

/// <summary>The JSON body of <c>/v1/session/create</c>; durations are Go duration strings.</summary>
internal sealed record SessionCreateBody
{
    public string? Name { get; init; }

    public string? Node { get; init; }

    public string? LockDelay { get; init; }

    public string? Behavior { get; init; }

    [JsonPropertyName("TTL")]
    public string? Ttl { get; init; }

    /// <summary>The pre-1.7 name of <see cref="NodeChecks"/>; sent empty along with it so every version drops serfHealth.</summary>
    public IReadOnlyList<string>? Checks { get; init; }

    public IReadOnlyList<string>? NodeChecks { get; init; }

    public IReadOnlyList<SessionServiceCheck>? ServiceChecks { get; init; }
}
