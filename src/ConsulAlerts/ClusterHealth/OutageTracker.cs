namespace ConsulAlerts.ClusterHealth;

/// <summary>The acting role's memory of one outage of one check (consul-agent or consul-leader).</summary>
internal sealed class OutageTracker(string checkId)
{
    public string CheckId { get; } = checkId;

    /// <summary>When the outage began; null when there is none.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>When this daemon sent it critical; null when it did not.</summary>
    public DateTimeOffset? CriticalSent { get; set; }

    public string Output { get; set; } = "";

    /// <summary>The record to write once Consul serves; null when there is nothing to record.</summary>
    public OutageRecord? Unrecorded { get; set; }

    public void Reset()
    {
        Since = null;
        CriticalSent = null;
        Output = "";
    }
}
