namespace ConsulAlerts.Dashboard;

/// <summary>One check that needs attention.</summary>
/// <param name="Node">The node the check runs on.</param>
/// <param name="ServiceId">The service ID, empty for a node check.</param>
/// <param name="ServiceName">The service name, empty for a node check.</param>
/// <param name="CheckId">The check ID.</param>
/// <param name="Name">The check name.</param>
/// <param name="Status">The live status in Consul.</param>
/// <param name="Current">The confirmed status (empty until one is).</param>
/// <param name="CurrentSince">When <paramref name="Current"/> was confirmed.</param>
/// <param name="Pending">A status waiting for its change-threshold, or empty.</param>
/// <param name="PendingSince">When <paramref name="Pending"/> was first seen.</param>
/// <param name="FiresAt">When <paramref name="Pending"/> becomes current if it holds: first seen + effective threshold.</param>
/// <param name="ThresholdSeconds">The check's effective change-threshold.</param>
/// <param name="Blacklisted">Muted by the blacklist: tracked, never notified.</param>
/// <param name="Maintenance">A maintenance-mode check.</param>
/// <param name="Output">The live check output (untrusted text).</param>
/// <param name="Notes">The check's notes.</param>
/// <param name="Datacenter">The check's datacenter when it is not the agent's own; empty otherwise.</param>
/// <param name="Muted">Why a change of the check would not be sent now (<c>silence &lt;id&gt;</c>, <c>maintenance (...)</c>, <c>inhibited by &lt;rule&gt;</c>, <c>blacklist</c>); null when it would be.</param>
internal sealed record DashboardCheck(
    string Node,
    string ServiceId,
    string ServiceName,
    string CheckId,
    string Name,
    string Status,
    string Current,
    DateTimeOffset? CurrentSince,
    string Pending,
    DateTimeOffset? PendingSince,
    DateTimeOffset? FiresAt,
    double ThresholdSeconds,
    bool Blacklisted,
    bool Maintenance,
    string Output,
    string Notes,
    string? Muted = null,
    string Datacenter = "");
