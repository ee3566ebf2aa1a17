namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>The body of <c>POST /api/v4/posts</c>.</summary>
/// <param name="ChannelId">Where to post.</param>
/// <param name="Message">The text (Markdown).</param>
/// <param name="Props">The attachments of a detailed post; left out when null.</param>
internal sealed record MattermostPost(string ChannelId, string Message, MattermostPostProps? Props);
