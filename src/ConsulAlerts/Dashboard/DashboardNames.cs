namespace ConsulAlerts.Dashboard;

/// <summary>Exact names and regular expressions of one blacklist kind.</summary>
internal sealed record DashboardNames(IReadOnlyList<string> Exact, IReadOnlyList<string> Patterns);
