using System.Net.Http.Headers;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>
/// The OpsGenie alerts API v2, which Jira Service Management's integration API copies: per message, create an alert
/// (<c>POST {base}/v2/alerts</c>) for a critical or warning check, or close it by alias
/// (<c>POST {base}/v2/alerts/{alias}/close?identifierType=alias</c>) for a passing one, with
/// <c>Authorization: GenieKey &lt;api-key&gt;</c>. The alias is <c>node[:serviceID]:checkID</c>, so a warning that
/// turns critical updates the same alert, and each check of a service has its own. Both calls answer 202.
/// </summary>
internal sealed class OpsGenieAlertsApi(IHttpClientFactory clients, TimeProvider timeProvider)
{
    public const string Source = "consul";

    internal const int MaxMessageChars = 130;
    internal const int MaxAliasChars = 512;
    internal const int MaxDescriptionChars = 15000;
    internal const int MaxEntityChars = 512;
    internal const int MaxTagChars = 50;

    /// <summary>Delivers <paramref name="messages"/> to the API at <c>base-url</c>, or at <paramref name="defaultBaseUrl"/>.</summary>
    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, string defaultBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = OpsGenieNotifierConfig.From(config);
        if (settings.ApiKey is null)
        {
            return Task.FromResult(NotifyResult.Failed("no api-key configured", retryable: false));
        }

        if (!VendorApi.TryEndpoint(settings.BaseUrl, defaultBaseUrl, "/v2/alerts", out var alerts, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        var actions = messages.Where(m => m.IsCritical() || m.IsWarning() || m.IsPassing()).ToList();
        return VendorApi.SendEachAsync(
            actions,
            m => $"{(m.IsPassing() ? "close" : "create")} {Alias(m)}",
            (m, ct) => SendAsync(m, settings, alerts, ct),
            cancellationToken);
    }

    /// <summary>The alert for a critical or warning message.</summary>
    internal static OpsGenieCreateAlert CreateAlert(Message message, OpsGenieNotifierConfig settings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var description = message.Output.Trim();
        if (message.Notes.Length > 0)
        {
            description = description.Length == 0 ? $"Notes: {message.Notes}" : $"{description}\n\nNotes: {message.Notes}";
        }

        var tags = new List<string> { Source, message.Node };
        if (message.Service.Length > 0)
        {
            tags.Add(message.Service);
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["node"] = message.Node,
            ["serviceId"] = message.ServiceId,
            ["service"] = message.Service,
            ["checkId"] = message.CheckId,
            ["check"] = message.Check,
            ["status"] = message.Status,
        };
        return new OpsGenieCreateAlert(
            VendorApi.Truncate($"{Headline(message)}.", MaxMessageChars),
            Alias(message),
            VendorApi.Truncate(description.Length == 0 ? $"{Headline(message)}." : description, MaxDescriptionChars),
            VendorApi.Truncate(settings.ClusterName, MaxEntityChars),
            Source,
            message.Status == CheckStatus.Critical ? "P1" : "P3",
            [.. tags.Select(t => VendorApi.Truncate(t, MaxTagChars)).Distinct(StringComparer.Ordinal)],
            details);
    }

    /// <summary>Why an alert is closed.</summary>
    internal static OpsGenieCloseAlert CloseAlert(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var output = message.Output.Trim();
        var note = output.Length == 0 ? $"{Headline(message)}." : $"{Headline(message)}.\n{output}";
        return new OpsGenieCloseAlert(Source, VendorApi.Truncate(note, 25000));
    }

    internal static string Alias(Message message) => VendorApi.Truncate(VendorApi.CheckKey(message), MaxAliasChars);

    private static string Headline(Message message) => BatchSummary.Headline(message);

    private async Task<NotifyResult> SendAsync(Message message, OpsGenieNotifierConfig settings, Uri alerts, CancellationToken cancellationToken)
    {
        using var request = message.IsPassing()
            ? new HttpRequestMessage(HttpMethod.Post, VendorApi.Append(alerts, $"/{Uri.EscapeDataString(Alias(message))}/close?identifierType=alias"))
            {
                Content = NotifierHttp.JsonContent(CloseAlert(message), OpsGenieJsonContext.Default.OpsGenieCloseAlert),
            }
            : new HttpRequestMessage(HttpMethod.Post, alerts)
            {
                Content = NotifierHttp.JsonContent(CreateAlert(message, settings), OpsGenieJsonContext.Default.OpsGenieCreateAlert),
            };
        request.Headers.Authorization = new AuthenticationHeaderValue("GenieKey", settings.ApiKey);
        return await NotifierHttp.SendAsync(clients, request, timeProvider, cancellationToken);
    }
}
