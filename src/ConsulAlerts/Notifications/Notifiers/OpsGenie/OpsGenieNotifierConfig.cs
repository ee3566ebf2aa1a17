using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>Settings of the opsgenie and jsm notifiers (<c>notifiers/opsgenie/*</c>, <c>notifiers/jsm/*</c>).</summary>
/// <param name="ApiKey">The API integration's key, sent as <c>Authorization: GenieKey</c>; a secret.</param>
/// <param name="ClusterName">The alerts' entity.</param>
/// <param name="BaseUrl">The alerts API base URL, or null for the notifier's default.</param>
internal sealed record OpsGenieNotifierConfig(string? ApiKey, string ClusterName, string? BaseUrl)
{
    public static OpsGenieNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "api-key"),
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "base-url"));

    /// <summary>The API key stays out of logs and status.</summary>
    public override string ToString() =>
        $"OpsGenieNotifierConfig {{ ApiKey = {(ApiKey is null ? "unset" : "set")}, ClusterName = {ClusterName}, BaseUrl = {BaseUrl} }}";
}
