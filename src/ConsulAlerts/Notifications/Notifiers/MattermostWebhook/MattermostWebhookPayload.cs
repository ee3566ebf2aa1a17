namespace ConsulAlerts.Notifications.Notifiers.MattermostWebhook;

/// <summary>
/// A Mattermost incoming webhook message (Slack-compatible JSON): <c>text</c> and the optional <c>channel</c>,
/// <c>username</c> and <c>icon_url</c> overrides, left out when null.
/// </summary>
internal sealed record MattermostWebhookPayload
{
    public required string Text { get; init; }

    public string? Channel { get; init; }

    public string? Username { get; init; }

    public string? IconUrl { get; init; }
}
