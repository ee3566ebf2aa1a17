using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.OpsGenie;

namespace ConsulAlerts.Notifications.Notifiers.Jsm;

/// <summary>
/// The <c>jsm</c> notifier: Jira Service Management's integration API, which keeps OpsGenie's alerts API (same
/// bodies, <c>GenieKey</c> auth with the API integration's key) under <c>https://api.atlassian.com/jsm/ops/integration</c>:
/// create at <c>/v2/alerts</c>, close at <c>/v2/alerts/{alias}/close?identifierType=alias</c>
/// (<see cref="OpsGenieAlertsApi"/>).
/// </summary>
internal sealed class JsmNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "jsm";

    public const string DefaultBaseUrl = "https://api.atlassian.com/jsm/ops/integration";

    private readonly OpsGenieAlertsApi _api = new(clients, timeProvider);

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken) =>
        _api.NotifyAsync(messages, config, DefaultBaseUrl, cancellationToken);
}
