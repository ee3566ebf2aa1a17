namespace ConsulAlerts.Checks;

/// <summary>
/// The tracked state of one check, stored at <c>&lt;prefix&gt;/checks/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c> in the
/// Go daemon's JSON shape (field names exact, timestamps RFC 3339), so either daemon can read the other's state.
/// </summary>
internal sealed record CheckState
{
    /// <summary>The status last confirmed (held for the change-threshold); empty until the first one is.</summary>
    public string Current { get; init; } = "";

    public DateTimeOffset CurrentTimestamp { get; init; }

    /// <summary>A new status waiting for its change-threshold; empty when none.</summary>
    public string Pending { get; init; } = "";

    public DateTimeOffset PendingTimestamp { get; init; }

    public CheckInfo HealthCheck { get; init; } = new();

    /// <summary>A confirmed change that has been decided for notification but not yet handed to the notifiers.</summary>
    public bool ForNotification { get; init; }
}
