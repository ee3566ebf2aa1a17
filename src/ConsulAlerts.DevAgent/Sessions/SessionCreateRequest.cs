using System.Text.Json;

namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>Body of <c>PUT /v1/session/create</c>; <see cref="LockDelay"/> may be a duration string or nanoseconds.</summary>
internal sealed record SessionCreateRequest
{
    public string? Name { get; init; }

    public string? Node { get; init; }

    public JsonElement? LockDelay { get; init; }

    public string? Behavior { get; init; }

    public string? TTL { get; init; }

    public string[]? Checks { get; init; }

    public string[]? NodeChecks { get; init; }

    public ServiceCheckRef[]? ServiceChecks { get; init; }
}
