using ConsulAlerts.Compat;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.ILert;

/// <summary>Settings of the ilert notifier (<c>notifiers/ilert/*</c>).</summary>
/// <param name="ApiKey">The alert source's API (integration) key, sent in the event body; a secret.</param>
/// <param name="IncidentKeyTemplate">The Go template of the incident key, rendered over each message.</param>
/// <param name="BaseUrl">The iLert API base URL, or null for <see cref="ILertNotifier.DefaultBaseUrl"/>.</param>
internal sealed record ILertNotifierConfig(string? ApiKey, string IncidentKeyTemplate, string? BaseUrl)
{
    /// <summary>The Go daemon's default incident key.</summary>
    public const string DefaultTemplate = "{{.Node}}:{{.Service}}:{{.Check}}";

    /// <summary>The Go daemon's key before templates, with <c>incident-key-include-host=false</c>.</summary>
    public const string HostlessTemplate = "{{.Service}}:{{.Check}}";

    /// <summary>
    /// An <c>incident-key-template</c> wins. Without one, <c>incident-key-include-host</c> set to false keeps the
    /// older Go daemon's <c>service:check</c> keys (so open incidents still resolve); otherwise the key is
    /// <c>node:service:check</c>.
    /// </summary>
    public static ILertNotifierConfig From(NotifierConfig config)
    {
        var template = NotifierSettings.Optional(config, "incident-key-template");
        if (template is null)
        {
            var hostless = GoBool.TryParse(NotifierSettings.Optional(config, "incident-key-include-host"), out var includeHost) && !includeHost.Value;
            template = hostless ? HostlessTemplate : DefaultTemplate;
        }

        return new(NotifierSettings.Optional(config, "api-key"), template, NotifierSettings.Optional(config, "base-url"));
    }

    /// <summary>The API key stays out of logs and status.</summary>
    public override string ToString() =>
        $"ILertNotifierConfig {{ ApiKey = {(ApiKey is null ? "unset" : "set")}, IncidentKeyTemplate = {IncidentKeyTemplate}, BaseUrl = {BaseUrl} }}";
}
