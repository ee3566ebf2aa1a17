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

    /// <summary>Whether a check is muted; <paramref name="serviceId"/> empty means no service (<c>_</c>).</summary>
    public bool IsBlacklisted(string node, string serviceId, string checkId, string status)
    {
        var service = string.IsNullOrEmpty(serviceId) ? "_" : serviceId;
        return Nodes.Matches(node)
            || (!string.IsNullOrEmpty(serviceId) && Services.Matches(serviceId))
            || Checks.Matches(checkId)
            || Status.Matches(status)
            || Single.Contains(ThresholdOverrides.SingleKey(node, service, checkId));
    }
}
