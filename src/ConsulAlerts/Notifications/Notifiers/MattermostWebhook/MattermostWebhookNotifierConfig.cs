using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.MattermostWebhook;

/// <summary>Settings of the mattermost-webhook notifier (<c>notifiers/mattermost-webhook/*</c>); optional fields are null when unset.</summary>
/// <param name="Url">The incoming webhook URL (a secret), checked when sending.</param>
/// <param name="ClusterName">Shown in the title line.</param>
/// <param name="Channel">Overrides the webhook's channel.</param>
/// <param name="Username">Overrides the sender name (when the server allows it).</param>
/// <param name="IconUrl">Overrides the sender icon (when the server allows it).</param>
internal sealed record MattermostWebhookNotifierConfig(string? Url, string ClusterName, string? Channel, string? Username, string? IconUrl)
{
    public static MattermostWebhookNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "url"),
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "channel"),
        NotifierSettings.Optional(config, "username"),
        NotifierSettings.Optional(config, "icon-url"));

    /// <summary>The URL stays out of logs and status (it is the credential).</summary>
    public override string ToString() =>
        $"MattermostWebhookNotifierConfig {{ ClusterName = {ClusterName}, Channel = {Channel}, Username = {Username} }}";
}
