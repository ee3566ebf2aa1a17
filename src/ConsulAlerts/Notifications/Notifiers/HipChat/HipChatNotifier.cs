using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.HipChat;

/// <summary>
/// The legacy <c>hipchat</c> notifier: one room notification per batch through the HipChat v2 API
/// (<c>POST {base-url}/v2/room/{room-id}/notification</c>, <c>Authorization: Bearer &lt;auth-token&gt;</c>), the Go
/// daemon's HTML text coloured by the batch's status (red critical, yellow unstable, green healthy). Atlassian's
/// hosted HipChat is gone; this is kept so existing configurations keep working against compatible servers.
/// </summary>
internal sealed class HipChatNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "hipchat";

    /// <summary>The Go daemon's default (the hosted service, now shut down).</summary>
    public const string DefaultBaseUrl = "https://api.hipchat.com";

    internal const int MaxMessageChars = 10000;

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = HipChatNotifierConfig.From(config);
        if (settings.AuthToken is null)
        {
            return Task.FromResult(NotifyResult.Failed("no auth-token configured", retryable: false));
        }

        if (settings.RoomId is null)
        {
            return Task.FromResult(NotifyResult.Failed("no room-id configured", retryable: false));
        }

        if (!Endpoint(settings, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        return SendAsync(url, Notification(messages, settings), settings.AuthToken, cancellationToken);
    }

    internal static HipChatNotification Notification(IReadOnlyList<Message> messages, HipChatNotifierConfig settings)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(settings);
        var summary = BatchSummary.From(messages);
        var text = new StringBuilder()
            .Append(WebUtility.HtmlEncode(settings.ClusterName)).Append(" is <STRONG>").Append(summary.SystemStatus).Append("</STRONG>. ")
            .Append(summary.Counts());
        foreach (var message in messages)
        {
            text.Append("<BR><STRONG><CODE>").Append(WebUtility.HtmlEncode(message.Node)).Append("</CODE></STRONG>:")
                .Append(WebUtility.HtmlEncode(message.Service)).Append(':').Append(WebUtility.HtmlEncode(message.Check))
                .Append(" is <STRONG>").Append(WebUtility.HtmlEncode(message.Status)).Append("</STRONG>.");
            var output = message.Output.Trim();
            if (output.Length > 0)
            {
                text.Append("<BR>").Append(WebUtility.HtmlEncode(output).Replace("\n", "<BR>", StringComparison.Ordinal));
            }
        }

        var color = summary.Fail > 0 ? "red" : summary.Warn > 0 ? "yellow" : "green";
        return new HipChatNotification(color, VendorApi.Truncate(text.ToString(), MaxMessageChars), Notify: true, "html", settings.Sender);
    }

    /// <summary>
    /// The room's notification URL. The Go client's base URL included the API version
    /// (<c>https://host/v2/</c>), so a configured base ending in <c>/v2</c> is not given a second one.
    /// </summary>
    private static bool Endpoint(HipChatNotifierConfig settings, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        var room = $"/room/{Uri.EscapeDataString(settings.RoomId ?? "")}/notification";
        var versioned = settings.BaseUrl is { } configured && configured.TrimEnd('/').EndsWith("/v2", StringComparison.OrdinalIgnoreCase);
        return VendorApi.TryEndpoint(settings.BaseUrl, DefaultBaseUrl, versioned ? room : "/v2" + room, out url, out error);
    }

    private async Task<NotifyResult> SendAsync(Uri url, HipChatNotification notification, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = NotifierHttp.JsonContent(notification, HipChatJsonContext.Default.HipChatNotification),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await NotifierHttp.SendAsync(clients, request, timeProvider, cancellationToken);
    }
}
