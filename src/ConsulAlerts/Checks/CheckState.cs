using System.Text.Json.Serialization;

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

    /// <summary>
    /// The status the notifiers last heard of when it differs from <see cref="Current"/> because changes since were
    /// muted (maintenance, a silence, inhibition, the blacklist); empty when nothing was ever sent. Null, and not
    /// stored, when the notifiers know the current status: the Go daemon's state format is unchanged then, and it
    /// ignores the field otherwise. When the mute ends, the check is sent once from this status to its current one.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notified { get; init; }

    /// <summary>Whether a muted change still has to be sent when its mute ends.</summary>
    [JsonIgnore]
    public bool HasUnsent => Notified is { } notified && !Knows(notified, Current);

    /// <summary>
    /// Whether notifiers that last heard of <paramref name="notified"/> know <paramref name="status"/>: the same status,
    /// or passing when they never heard of the check (a check first seen passing is silent too).
    /// </summary>
    public static bool Knows(string notified, string status) =>
        notified == status || (notified.Length == 0 && status == CheckStatus.Passing);
}
