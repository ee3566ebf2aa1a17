namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>The body of <c>POST /v2/alerts</c> (create an alert); null fields are left out.</summary>
/// <param name="Message">The alert's title (130 characters at most).</param>
/// <param name="Alias">The key that deduplicates the alert and by which it is closed (512 at most).</param>
/// <param name="Description">The details: the check's output and notes (15000 at most).</param>
/// <param name="Entity">The cluster name.</param>
/// <param name="Source"><c>consul</c>.</param>
/// <param name="Priority"><c>P1</c> for critical, <c>P3</c> (the vendor's default) for warning.</param>
/// <param name="Tags">Labels to filter on (20 of 50 characters at most).</param>
/// <param name="Details">The check's fields as key/value properties.</param>
internal sealed record OpsGenieCreateAlert(
    string Message,
    string Alias,
    string Description,
    string Entity,
    string Source,
    string Priority,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Details);
