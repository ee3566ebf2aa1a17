namespace ConsulAlerts.Dashboard;

/// <summary>Exact names and regular expressions of one blacklist kind.</summary>
/// <param name="Exact">The exact names, in name order, at most <see cref="DashboardEndpoint.MaxNamesShown"/>.</param>
/// <param name="Patterns">The regular expressions.</param>
/// <param name="Omitted">How many exact names are not listed.</param>
internal sealed record DashboardNames(IReadOnlyList<string> Exact, IReadOnlyList<string> Patterns, int Omitted = 0);
