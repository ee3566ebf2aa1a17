using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>Settings of the slack notifier (<c>notifiers/slack/*</c>); optional fields are null when unset.</summary>
/// <param name="Url">The incoming webhook URL (a secret), checked when sending.</param>
/// <param name="ClusterName">Shown in the title line.</param>
/// <param name="Channel">Overrides the webhook's channel, when the workspace still allows it.</param>
/// <param name="Username">Overrides the sender name.</param>
/// <param name="IconUrl">Overrides the sender icon with an image.</param>
/// <param name="IconEmoji">Overrides the sender icon with an emoji.</param>
/// <param name="Detailed">One coloured attachment per message instead of the plain text.</param>
internal sealed record SlackNotifierConfig(
    string? Url, string ClusterName, string? Channel, string? Username, string? IconUrl, string? IconEmoji, bool Detailed)
{
    public static SlackNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "url"),
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "channel"),
        NotifierSettings.Optional(config, "username"),
        NotifierSettings.Optional(config, "icon-url"),
        NotifierSettings.Optional(config, "icon-emoji"),
        NotifierSettings.Flag(config, "detailed"));

    /// <summary>The URL stays out of logs and status (it is the credential).</summary>
    public override string ToString() =>
        $"SlackNotifierConfig {{ ClusterName = {ClusterName}, Channel = {Channel}, Username = {Username}, Detailed = {Detailed} }}";
}
