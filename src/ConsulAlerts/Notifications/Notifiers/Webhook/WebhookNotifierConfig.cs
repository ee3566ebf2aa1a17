using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.Webhook;

/// <summary>Settings of the generic webhook notifier (<c>notifiers/webhook/*</c>).</summary>
/// <param name="Url">Where the Messages are POSTed (a secret: it may carry a key), checked when sending.</param>
/// <param name="Headers">Extra request headers from <c>headers</c> (a JSON object of strings); empty when unset.</param>
/// <param name="BearerToken">Sent as <c>Authorization: Bearer</c> when set (a secret).</param>
/// <param name="Error">Why <c>headers</c> could not be used, or null; the notifier then fails without sending.</param>
internal sealed record WebhookNotifierConfig(string? Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? BearerToken, string? Error)
{
    public static WebhookNotifierConfig From(NotifierConfig config)
    {
        var url = NotifierSettings.Optional(config, "url");
        var token = NotifierSettings.Optional(config, "bearer-token");
        var headersText = NotifierSettings.Optional(config, "headers");
        if (headersText is null)
        {
            return new WebhookNotifierConfig(url, [], token, null);
        }

        // The text is checked here again: a profile's VarOverrides replace it after the KV schema check.
        // Errors never quote values: headers usually carry credentials.
        var headers = new List<KeyValuePair<string, string>>();
        try
        {
            using var document = JsonDocument.Parse(headersText);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new WebhookNotifierConfig(url, [], token, "headers is not a JSON object");
            }

            var position = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                position++;
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return new WebhookNotifierConfig(url, [], token, $"headers: the value of member {position} is not a string");
                }

                headers.Add(new(property.Name, property.Value.GetString()!));
            }
        }
        catch (JsonException)
        {
            return new WebhookNotifierConfig(url, [], token, "headers is not valid JSON");
        }

        return new WebhookNotifierConfig(url, headers, token, null);
    }

    /// <summary>Names the header names only: the URL, header values and token are secrets.</summary>
    public override string ToString() =>
        $"WebhookNotifierConfig {{ Headers = [{string.Join(", ", Headers.Select(h => h.Key))}], BearerToken = {(BearerToken is null ? "unset" : "set")} }}";
}
