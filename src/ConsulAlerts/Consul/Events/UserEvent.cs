using System.Globalization;
using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Events;

/// <summary>A user event (docs/ARCHITECTURE.md, "Consul's API"). <see cref="Payload"/> is null when empty.</summary>
internal sealed record UserEvent
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

#pragma warning disable CA1819 // A DTO: the JSON serializer reads base64 into byte[].
    public byte[]? Payload { get; init; }
#pragma warning restore CA1819

    public string NodeFilter { get; init; } = "";

    public string ServiceFilter { get; init; } = "";

    public string TagFilter { get; init; } = "";

    public int Version { get; init; }

    [JsonPropertyName("LTime")]
    public ulong LTime { get; init; }

    /// <summary>
    /// The event-list index this event yields when it is the last one: the first 16 and last 16 hex digits
    /// of the ID (dashes removed) read as uint64 and XORed. Null when the ID is not a UUID.
    /// </summary>
    public static ulong? IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hex = id.Replace("-", "", StringComparison.Ordinal);
        if (hex.Length < 32 ||
            !ulong.TryParse(hex.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high) ||
            !ulong.TryParse(hex.AsSpan(hex.Length - 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return null;
        }

        return high ^ low;
    }
}
