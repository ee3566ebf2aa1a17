using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.VictorOps;

/// <summary>Settings of the victorops notifier (<c>notifiers/victorops/*</c>).</summary>
/// <param name="ApiKey">The REST integration's API key, part of the endpoint path; a secret.</param>
/// <param name="RoutingKey">Which team's routing receives the alerts, part of the endpoint path.</param>
/// <param name="BaseUrl">The REST endpoint before the keys, or null for <see cref="VictorOpsNotifier.DefaultBaseUrl"/>.</param>
internal sealed record VictorOpsNotifierConfig(string? ApiKey, string? RoutingKey, string? BaseUrl)
{
    public static VictorOpsNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "api-key"),
        NotifierSettings.Optional(config, "routing-key"),
        NotifierSettings.Optional(config, "base-url"));

    /// <summary>The keys stay out of logs and status: together they are the endpoint's credential.</summary>
    public override string ToString() =>
        $"VictorOpsNotifierConfig {{ ApiKey = {(ApiKey is null ? "unset" : "set")}, RoutingKey = {(RoutingKey is null ? "unset" : "set")}, BaseUrl = {BaseUrl} }}";
}
