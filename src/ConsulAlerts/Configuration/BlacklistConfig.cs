namespace ConsulAlerts.Configuration;

/// <summary>
/// <c>checks/blacklist/*</c>: checks that are tracked but never notified. By node, service ID, check ID or status
/// (exact keys or a JSON array of regexes each), or one check at <c>single/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c>.
/// </summary>
internal sealed record BlacklistConfig
{
    public NameMatcher Nodes { get; init; } = NameMatcher.None;

    public NameMatcher Services { get; init; } = NameMatcher.None;

    public NameMatcher Checks { get; init; } = NameMatcher.None;

    public NameMatcher Status { get; init; } = NameMatcher.None;

    /// <summary>Keyed by <see cref="ThresholdOverrides.SingleKey"/>.</summary>
    public IReadOnlySet<string> Single { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a check is muted; <paramref name="serviceId"/> empty means no service (<c>_</c>). A pattern that runs
    /// out of time, or a name left undecided when <paramref name="budget"/> is spent, counts as muted (fail closed).
    /// </summary>
    public bool IsBlacklisted(string node, string serviceId, string checkId, string status, MatchBudget? budget = null)
    {
        var service = string.IsNullOrEmpty(serviceId) ? "_" : serviceId;
        return Single.Contains(ThresholdOverrides.SingleKey(node, service, checkId))
            || Nodes.Matches(node, budget)
            || (!string.IsNullOrEmpty(serviceId) && Services.Matches(serviceId, budget))
            || Checks.Matches(checkId, budget)
            || Status.Matches(status, budget);
    }
}
