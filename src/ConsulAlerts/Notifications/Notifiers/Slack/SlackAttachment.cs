namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>A Slack message attachment: a coloured bar with a title, text and short fields.</summary>
/// <param name="Fallback">Plain text for clients that cannot show attachments (and for notifications).</param>
/// <param name="Color"><c>danger</c>, <c>warning</c>, <c>good</c> or a hex colour.</param>
/// <param name="Title">The bold first line.</param>
/// <param name="Text">The body (mrkdwn).</param>
/// <param name="Fields">Short name/value pairs, shown two per row.</param>
/// <param name="MrkdwnIn">Which parts Slack formats as mrkdwn.</param>
internal sealed record SlackAttachment(
    string Fallback, string Color, string Title, string? Text, IReadOnlyList<SlackField>? Fields, IReadOnlyList<string> MrkdwnIn);
