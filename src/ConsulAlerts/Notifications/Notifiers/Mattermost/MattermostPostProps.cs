using ConsulAlerts.Notifications.Notifiers.Slack;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>A post's <c>props</c>: Mattermost renders Slack-style message attachments from <c>props.attachments</c>.</summary>
/// <param name="Attachments">The attachments, in Slack's shape.</param>
internal sealed record MattermostPostProps(IReadOnlyList<SlackAttachment> Attachments);
