using System.Text.Json.Serialization;
using ConsulAlerts.Consul.Events;

namespace ConsulAlerts.Events;

/// <summary>
/// What an event handler reads on stdin: one event in the Go daemon's shape. <see cref="Payload"/> is base64, as
/// Consul gives it and as Go's encoding of a byte slice writes it, and null when the event has no payload.
/// </summary>
internal sealed record EventHandlerInput
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Base64 text, kept as a string so that "no payload" is written as null rather than "".</summary>
    public string? Payload { get; init; }

    public string NodeFilter { get; init; } = "";

    public string ServiceFilter { get; init; } = "";

    public string TagFilter { get; init; } = "";

    public int Version { get; init; }

    [JsonPropertyName("LTime")]
    public ulong LTime { get; init; }

    public static EventHandlerInput From(UserEvent userEvent)
    {
        ArgumentNullException.ThrowIfNull(userEvent);
        return new EventHandlerInput
        {
            Id = userEvent.Id,
            Name = userEvent.Name,
            Payload = userEvent.Payload is { Length: > 0 } payload ? Convert.ToBase64String(payload) : null,
            NodeFilter = userEvent.NodeFilter,
            ServiceFilter = userEvent.ServiceFilter,
            TagFilter = userEvent.TagFilter,
            Version = userEvent.Version,
            LTime = userEvent.LTime,
        };
    }
}
