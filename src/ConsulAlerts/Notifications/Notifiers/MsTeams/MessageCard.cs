using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>
/// An Office 365 connector card (<c>"@type": "MessageCard"</c>), the format Teams incoming webhooks take: a
/// <c>summary</c> (the notification text), a <c>themeColor</c> bar, a <c>title</c>, the counts as <c>text</c> and one
/// section per check.
/// </summary>
internal sealed record MessageCard
{
    [JsonPropertyName("@type")]
    public string Type { get; init; } = "MessageCard";

    [JsonPropertyName("@context")]
    public string Context { get; init; } = "https://schema.org/extensions";

    public required string Summary { get; init; }

    /// <summary>Hex colour without <c>#</c>.</summary>
    public required string ThemeColor { get; init; }

    public required string Title { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<MessageCardSection> Sections { get; init; }
}
