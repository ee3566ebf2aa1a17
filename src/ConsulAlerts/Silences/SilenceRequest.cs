using System.Text.Json.Serialization;

namespace ConsulAlerts.Silences;

/// <summary>
/// The body of <c>POST /v1/silences</c>: a silence without its id (the daemon makes one). Times are text here so that
/// one that does not parse is reported with its field, like every other problem. Unknown fields (an exported silence's
/// <c>id</c>, <c>state</c>, <c>mutes</c>, <c>updatedAt</c>) are ignored, so an export can be imported as it is.
/// </summary>
internal sealed record SilenceRequest
{
    [JsonPropertyName("matchers")]
    public IReadOnlyList<SilenceMatcher?>? Matchers { get; init; }

    /// <summary>RFC 3339; missing or past means now.</summary>
    [JsonPropertyName("startsAt")]
    public string? StartsAt { get; init; }

    /// <summary>RFC 3339; required.</summary>
    [JsonPropertyName("endsAt")]
    public string? EndsAt { get; init; }

    [JsonPropertyName("createdBy")]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
