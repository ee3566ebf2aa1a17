namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>The <c>payload</c> of a trigger event: what PagerDuty shows of the alert.</summary>
/// <param name="Summary">The alert's title (PagerDuty keeps 1024 characters).</param>
/// <param name="Source">Where the problem is: the Consul node.</param>
/// <param name="Severity"><c>critical</c> or <c>warning</c>.</param>
internal sealed record PagerDutyEventPayload(string Summary, string Source, string Severity)
{
    /// <summary>When the status change was confirmed, or null when unknown.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The service of the check, or null for a node check.</summary>
    public string? Component { get; init; }

    /// <summary>The check name: the kind of problem.</summary>
    public string? Class { get; init; }

    public PagerDutyCustomDetails? CustomDetails { get; init; }
}
