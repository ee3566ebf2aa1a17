namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>
/// A PagerDuty Events API v2 alert event (<c>POST /v2/enqueue</c>). A <c>trigger</c> carries a
/// <see cref="Payload"/>; a <c>resolve</c> needs only the routing and dedup keys. Null fields are left out.
/// </summary>
/// <param name="RoutingKey">The integration key of the PagerDuty service.</param>
/// <param name="EventAction"><c>trigger</c> or <c>resolve</c>.</param>
/// <param name="DedupKey">The key that ties a resolve to its trigger (and deduplicates repeated triggers).</param>
internal sealed record PagerDutyEvent(string RoutingKey, string EventAction, string DedupKey)
{
    public PagerDutyEventPayload? Payload { get; init; }

    /// <summary>The monitoring tool's name, shown with the alert.</summary>
    public string? Client { get; init; }

    /// <summary>A link to the monitoring tool.</summary>
    public string? ClientUrl { get; init; }
}
