namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// <c>&lt;prefix&gt;/consul-health/outages/&lt;check-id&gt;</c>: the last outage that the last leader sent on its own,
/// written once Consul serves again, so operators and other daemons can see what was sent while nothing could be
/// recorded.
/// </summary>
internal sealed record OutageRecord
{
    public string CheckID { get; init; } = "";

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset CriticalSent { get; init; }

    public DateTimeOffset Ended { get; init; }

    public DateTimeOffset? PassingSent { get; init; }

    /// <summary>The daemon that sent it: host, pid and API address.</summary>
    public string Daemon { get; init; } = "";

    public string Output { get; init; } = "";
}
