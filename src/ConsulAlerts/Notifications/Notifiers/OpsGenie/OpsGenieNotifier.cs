using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>
/// The <c>opsgenie</c> notifier: creates an OpsGenie alert for each critical or warning check and closes it by alias
/// when the check passes (<see cref="OpsGenieAlertsApi"/>), at <c>https://api.opsgenie.com</c> by default
/// (<c>https://api.eu.opsgenie.com</c> for the EU instance, through <c>base-url</c>).
/// </summary>
internal sealed class OpsGenieNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "opsgenie";

    public const string DefaultBaseUrl = "https://api.opsgenie.com";

    private readonly OpsGenieAlertsApi _api = new(clients, timeProvider);

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken) =>
        _api.NotifyAsync(messages, config, DefaultBaseUrl, cancellationToken);
}
