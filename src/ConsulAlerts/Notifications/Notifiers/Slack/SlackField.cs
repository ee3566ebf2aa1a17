namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>A field of a Slack attachment.</summary>
/// <param name="Title">The field name.</param>
/// <param name="Value">The field value.</param>
/// <param name="Short">Whether it is short enough to sit beside another field.</param>
internal sealed record SlackField(string Title, string Value, bool Short);
