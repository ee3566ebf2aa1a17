namespace ConsulAlerts.Dashboard;

/// <summary>The body of <c>GET /v1/dashboard</c>: what the dashboard shows beyond <c>/v1/status</c>. Never carries a secret.</summary>
/// <param name="Now">The daemon's clock, so the page measures durations against the same clock as the timestamps.</param>
/// <param name="Config">The configuration snapshot in use and what in it did not parse.</param>
/// <param name="Checks">Checks that are warning or critical, or waiting for their change-threshold; worst first.</param>
/// <param name="Deliveries">Recent deliveries, per notifier newest first.</param>
/// <param name="Blacklist">Muted nodes, services, checks and statuses.</param>
internal sealed record DashboardReport(
    DateTimeOffset Now,
    DashboardConfig Config,
    IReadOnlyList<DashboardCheck> Checks,
    IReadOnlyList<DashboardDelivery> Deliveries,
    DashboardBlacklist Blacklist);
