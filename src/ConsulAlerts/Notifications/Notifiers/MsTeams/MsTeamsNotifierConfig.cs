using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>Settings of the msteams notifier (<c>notifiers/msteams/*</c>).</summary>
/// <param name="Url">The incoming webhook URL (a secret), checked when sending.</param>
/// <param name="ClusterName">Shown in the card title.</param>
internal sealed record MsTeamsNotifierConfig(string? Url, string ClusterName)
{
    public static MsTeamsNotifierConfig From(NotifierConfig config) =>
        new(NotifierSettings.Optional(config, "url"), NotifierSettings.ClusterName(config));

    /// <summary>The URL stays out of logs and status (it is the credential).</summary>
    public override string ToString() => $"MsTeamsNotifierConfig {{ ClusterName = {ClusterName} }}";
}
