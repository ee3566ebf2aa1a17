using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>Settings of the discord notifier (<c>notifiers/discord/*</c>); optional fields are null when unset.</summary>
/// <param name="Url">The webhook URL (a secret: it holds the webhook token), checked when sending.</param>
/// <param name="ClusterName">Shown in the message content.</param>
/// <param name="Username">Overrides the webhook's name.</param>
/// <param name="AvatarUrl">Overrides the webhook's avatar.</param>
internal sealed record DiscordNotifierConfig(string? Url, string ClusterName, string? Username, string? AvatarUrl)
{
    public static DiscordNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "url"),
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "username"),
        NotifierSettings.Optional(config, "avatar-url"));

    /// <summary>The URL stays out of logs and status (it is the credential).</summary>
    public override string ToString() => $"DiscordNotifierConfig {{ ClusterName = {ClusterName}, Username = {Username} }}";
}
