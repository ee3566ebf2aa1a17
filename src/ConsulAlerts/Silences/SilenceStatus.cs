namespace ConsulAlerts.Silences;

/// <summary>Where a silence is in its life, as of some moment; the API shows it as <c>state</c>.</summary>
internal enum SilenceStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Muting what it matches.</summary>
    Active,

    /// <summary>Ended (or expired by hand); kept for the retention period, then deleted.</summary>
    Expired,
}
