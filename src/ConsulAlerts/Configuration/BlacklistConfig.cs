namespace ConsulAlerts.Configuration;

/// <summary>
/// <c>checks/blacklist/*</c>: checks that are tracked but never notified. By node, service ID, check ID, status,
/// datacenter or service tag (exact keys or a JSON array of regexes each; a check is muted when any of its service's tags is), or one
/// check at <c>single/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c>.
/// </summary>
internal sealed record BlacklistConfig
{
    public NameMatcher Nodes { get; init; } = NameMatcher.None;

    public NameMatcher Services { get; init; } = NameMatcher.None;

    public NameMatcher Checks { get; init; } = NameMatcher.None;

    public NameMatcher Status { get; init; } = NameMatcher.None;

    /// <summary><c>checks/blacklist/service-tags</c>: matched against each tag of the check's service.</summary>
    public NameMatcher ServiceTags { get; init; } = NameMatcher.None;

    /// <summary><c>checks/blacklist/datacenters</c>: matched against the check's datacenter.</summary>
    public NameMatcher Datacenters { get; init; } = NameMatcher.None;

    /// <summary>Keyed by <see cref="ThresholdOverrides.SingleKey"/>.</summary>
    public IReadOnlySet<string> Single { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a check is muted; <paramref name="serviceId"/> empty means no service (<c>_</c>). A pattern that runs
    /// out of time, or a name left undecided when <paramref name="budget"/> is spent, counts as muted (fail closed).
    /// </summary>
    public bool IsBlacklisted(string node, string serviceId, string checkId, string status, MatchBudget? budget = null) =>
        IsBlacklisted(node, serviceId, checkId, status, [], budget);

    /// <summary>
    /// Whether a check whose service has <paramref name="serviceTags"/>, in <paramref name="datacenter"/> (by name; empty
    /// when not known, and then no datacenter entry matches), is muted; see the overload without tags.
    /// </summary>
    public bool IsBlacklisted(string node, string serviceId, string checkId, string status, IReadOnlyList<string> serviceTags, MatchBudget? budget = null, string datacenter = "")
    {
        ArgumentNullException.ThrowIfNull(serviceTags);
        var service = string.IsNullOrEmpty(serviceId) ? "_" : serviceId;
        return Single.Contains(ThresholdOverrides.SingleKey(node, service, checkId))
            || Nodes.Matches(node, budget)
            || (!string.IsNullOrEmpty(serviceId) && Services.Matches(serviceId, budget))
            || Checks.Matches(checkId, budget)
            || Status.Matches(status, budget)
            || AnyTag(serviceTags, budget)
            || (datacenter.Length > 0 && !Datacenters.IsEmpty && Datacenters.Matches(datacenter, budget));
    }

    private bool AnyTag(IReadOnlyList<string> serviceTags, MatchBudget? budget)
    {
        if (ServiceTags.IsEmpty)
        {
            return false;
        }

        foreach (var tag in serviceTags)
        {
            if (ServiceTags.Matches(tag, budget))
            {
                return true;
            }
        }

        return false;
    }
}
