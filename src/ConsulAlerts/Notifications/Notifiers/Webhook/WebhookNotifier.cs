using System.Net.Http.Headers;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.Webhook;

/// <summary>
/// The generic <c>webhook</c> notifier: POSTs the batch as a JSON array of Messages, exactly what custom notifiers
/// read on stdin (<see cref="NotificationsJsonContext"/>), with the configured extra headers and, when
/// <c>bearer-token</c> is set, <c>Authorization: Bearer &lt;token&gt;</c>. Any 2xx is success.
/// </summary>
internal sealed class WebhookNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "webhook";

    public string Name => NotifierName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = WebhookNotifierConfig.From(config);
        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return NotifyResult.Failed(error, retryable: false);
        }

        if (settings.Error is not null)
        {
            return NotifyResult.Failed(settings.Error, retryable: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            // No profile's VarOverrides travel: they hold other notifiers' secrets, and this one's are applied above.
            Content = NotifierHttp.JsonContent(Message.ForReceiver(messages, null), NotificationsJsonContext.Default.IReadOnlyListMessage),
        };
        var position = 0;
        foreach (var (name, value) in settings.Headers)
        {
            position++;
            // Content headers (Content-Type, ...) live on the content; anything else on the request. The error names
            // the position only: it reaches /v1/status, and no part of a KV value is ever quoted there.
            if (!request.Headers.TryAddWithoutValidation(name, value) && !request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                return NotifyResult.Failed($"headers: member {position} is not a valid header name", retryable: false);
            }
        }

        if (settings.BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BearerToken);
        }

        return await NotifierHttp.SendAsync(clients, request, timeProvider, cancellationToken);
    }
}
