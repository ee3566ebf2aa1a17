namespace ConsulAlerts.Dashboard;

/// <summary>
/// <c>checks/blacklist/*</c>: per kind (nodes, services, checks, status, service tags) the exact names (one key each) and the regular expressions; <c>single</c> holds
/// <c>node/serviceID|_/checkID</c> entries (at most <see cref="DashboardEndpoint.MaxNamesShown"/>; <c>singleOmitted</c>
/// counts the rest).
/// </summary>
internal sealed record DashboardBlacklist(
    DashboardNames Nodes,
    DashboardNames Services,
    DashboardNames Checks,
    DashboardNames Status,
    DashboardNames ServiceTags,
    IReadOnlyList<string> Single,
    int SingleOmitted = 0);
