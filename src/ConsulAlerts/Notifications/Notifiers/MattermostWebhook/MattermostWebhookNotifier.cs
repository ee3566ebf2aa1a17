using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.MattermostWebhook;

/// <summary>
/// The <c>mattermost-webhook</c> notifier: POSTs the Go daemon's plain text to a Mattermost incoming webhook. The Go
/// daemon sent it form-encoded (<c>payload=&lt;json&gt;</c>); Mattermost takes the same JSON as the request body,
/// which is what its documentation shows, so that is sent instead.
/// </summary>
internal sealed class MattermostWebhookNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "mattermost-webhook";

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = MattermostWebhookNotifierConfig.From(config);
        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        var payload = new MattermostWebhookPayload
        {
            Text = BatchSummary.PlainText(settings.ClusterName, messages),
            Channel = settings.Channel,
            Username = settings.Username,
            IconUrl = settings.IconUrl,
        };
        return NotifierHttp.PostJsonAsync(clients, url, payload, MattermostWebhookJsonContext.Default.MattermostWebhookPayload, timeProvider, cancellationToken);
    }
}
