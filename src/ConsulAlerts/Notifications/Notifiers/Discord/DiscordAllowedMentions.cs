namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>Which mentions in the content Discord resolves; none.</summary>
/// <param name="Parse">The mention kinds to resolve.</param>
internal sealed record DiscordAllowedMentions(IReadOnlyList<string> Parse);
