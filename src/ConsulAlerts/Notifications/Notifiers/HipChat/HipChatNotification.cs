namespace ConsulAlerts.Notifications.Notifiers.HipChat;

/// <summary>The body of a HipChat v2 room notification; <see cref="From"/> is left out when null.</summary>
/// <param name="Color"><c>red</c>, <c>yellow</c> or <c>green</c>.</param>
/// <param name="Message">The HTML text (10000 characters at most).</param>
/// <param name="Notify">Whether the room's members are notified.</param>
/// <param name="MessageFormat"><c>html</c>.</param>
/// <param name="From">A label shown beside the sender's name.</param>
internal sealed record HipChatNotification(string Color, string Message, bool Notify, string MessageFormat, string? From);
