namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>
/// A Slack incoming webhook message (<c>POST</c> JSON): <c>text</c>, the optional sender overrides
/// <c>channel</c>, <c>username</c>, <c>icon_url</c>, <c>icon_emoji</c> (left out when null), and <c>attachments</c>.
/// Mattermost accepts the same shape.
/// </summary>
internal sealed record SlackPayload
{
    public string? Text { get; init; }

    public string? Channel { get; init; }

    public string? Username { get; init; }

    public string? IconUrl { get; init; }

    public string? IconEmoji { get; init; }

    public IReadOnlyList<SlackAttachment>? Attachments { get; init; }
}
