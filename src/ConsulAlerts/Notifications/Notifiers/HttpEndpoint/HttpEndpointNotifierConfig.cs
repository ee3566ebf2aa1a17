using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.HttpEndpoint;

/// <summary>Settings of the http-endpoint notifier (<c>notifiers/http-endpoint/*</c>).</summary>
/// <param name="ClusterName">The template data's <c>.ClusterName</c>.</param>
/// <param name="Url">Where to POST: <c>base-url</c> and <c>endpoint</c> joined as they are (the Go daemon's <c>base-url + endpoint</c>); null without a base-url.</param>
/// <param name="Payload">The <c>payload</c> templates by field name, sorted by name; empty when unset.</param>
/// <param name="Error">Why <c>payload</c> could not be used, or null; the notifier then fails without sending.</param>
internal sealed record HttpEndpointNotifierConfig(string ClusterName, string? Url, IReadOnlyList<KeyValuePair<string, string>> Payload, string? Error)
{
    public static HttpEndpointNotifierConfig From(NotifierConfig config)
    {
        var clusterName = NotifierSettings.ClusterName(config);
        var baseUrl = NotifierSettings.Optional(config, "base-url");
        var url = baseUrl is null ? null : baseUrl + (NotifierSettings.Optional(config, "endpoint") ?? "");
        var payloadText = NotifierSettings.Optional(config, "payload");
        if (payloadText is null)
        {
            return new HttpEndpointNotifierConfig(clusterName, url, [], null);
        }

        // Checked here again: a profile's VarOverrides replace the value after the KV schema check.
        var payload = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(payloadText);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new HttpEndpointNotifierConfig(clusterName, url, [], "payload is not a JSON object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return new HttpEndpointNotifierConfig(clusterName, url, [], $"payload: the value of {property.Name} is not a string (a template)");
                }

                // A repeated name keeps its last value, as Go's JSON decoding into a map does.
                payload[property.Name] = property.Value.GetString()!;
            }
        }
        catch (JsonException)
        {
            return new HttpEndpointNotifierConfig(clusterName, url, [], "payload is not valid JSON");
        }

        return new HttpEndpointNotifierConfig(clusterName, url, [.. payload], null);
    }

    public override string ToString() =>
        $"HttpEndpointNotifierConfig {{ ClusterName = {ClusterName}, Url = {Url}, Payload = [{string.Join(", ", Payload.Select(p => p.Key))}] }}";
}
