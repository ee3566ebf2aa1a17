using System.Text.Json.Serialization;

namespace ConsulAlerts.Silences;

/// <summary>
/// One matcher of a silence as JSON carries it, in Alertmanager's shape. Every field is optional on the way in so
/// that <see cref="SilenceValidator"/> can name what is missing; <see cref="IsEqual"/> defaults to true and
/// <see cref="IsRegex"/> to false, as in Alertmanager. The flags have setters, not init accessors: the source-generated
/// reader sets every init-only property, missing ones to their type's default, which would turn a matcher without
/// <c>isEqual</c> into a negated one.
/// </summary>
internal sealed record SilenceMatcher
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("isRegex")]
    public bool IsRegex { get; set; }

    [JsonPropertyName("isEqual")]
    public bool IsEqual { get; set; } = true;
}
