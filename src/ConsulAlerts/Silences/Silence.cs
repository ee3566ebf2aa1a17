using System.Text.Json.Serialization;
using ConsulAlerts.Compat;

namespace ConsulAlerts.Silences;

/// <summary>
/// A silence as stored at <c>&lt;prefix&gt;/silences/&lt;id&gt;</c>, in Alertmanager's shape with RFC 3339 UTC times:
/// <c>{"id","matchers":[{"name","value","isRegex","isEqual"}],"startsAt","endsAt","createdBy","comment","updatedAt"}</c>.
/// Expiring a silence sets <see cref="EndsAt"/> to the moment of expiry; the record is kept for the retention period.
/// </summary>
internal sealed record Silence
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("matchers")]
    public IReadOnlyList<SilenceMatcher?> Matchers { get; init; } = [];

    [JsonPropertyName("startsAt")]
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset EndsAt { get; init; }

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; init; } = "";

    [JsonPropertyName("comment")]
    public string Comment { get; init; } = "";

    [JsonPropertyName("updatedAt")]
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Pending before <see cref="StartsAt"/>, active until <see cref="EndsAt"/>, expired from then on.</summary>
    public SilenceStatus StatusAt(DateTimeOffset now) =>
        now < StartsAt ? SilenceStatus.Pending : now < EndsAt ? SilenceStatus.Active : SilenceStatus.Expired;
}
