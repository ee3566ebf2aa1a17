using System.Globalization;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>Settings of the pagerduty notifier (<c>notifiers/pagerduty/*</c>); optional fields are null when unset.</summary>
/// <param name="ServiceKey">The Events API v2 integration (routing) key; a secret.</param>
/// <param name="ClientName">Sent as the event's <c>client</c>: the monitoring tool's name shown in PagerDuty.</param>
/// <param name="ClientUrl">Sent as the event's <c>client_url</c>: a link back to the monitoring tool.</param>
/// <param name="MaxRetry">Retries after the first attempt, or null when unset or not a non-negative number.</param>
/// <param name="RetryBaseInterval">Seconds before the first retry (doubling after each), or null when unset or not positive.</param>
/// <param name="BaseUrl">The Events API base URL, or null for <see cref="PagerDutyNotifier.DefaultBaseUrl"/>.</param>
internal sealed record PagerDutyNotifierConfig(
    string? ServiceKey, string? ClientName, string? ClientUrl, int? MaxRetry, int? RetryBaseInterval, string? BaseUrl)
{
    public static PagerDutyNotifierConfig From(NotifierConfig config)
    {
        var maxRetry = Number(config, "max-retry");
        var interval = Number(config, "retry-base-interval");
        return new(
            NotifierSettings.Optional(config, "service-key"),
            NotifierSettings.Optional(config, "client-name"),
            NotifierSettings.Optional(config, "client-url"),
            maxRetry,
            interval is > 0 ? interval : null,
            NotifierSettings.Optional(config, "base-url"));
    }

    /// <summary>The service key stays out of logs and status.</summary>
    public override string ToString() =>
        $"PagerDutyNotifierConfig {{ ServiceKey = {(ServiceKey is null ? "unset" : "set")}, ClientName = {ClientName}, ClientUrl = {ClientUrl}, MaxRetry = {MaxRetry}, RetryBaseInterval = {RetryBaseInterval}, BaseUrl = {BaseUrl} }}";

    // Checked again here: a profile's VarOverrides replace the value after the KV schema check.
    private static int? Number(NotifierConfig config, string key) =>
        int.TryParse(NotifierSettings.Optional(config, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
}
