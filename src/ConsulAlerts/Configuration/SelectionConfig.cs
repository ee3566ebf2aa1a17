namespace ConsulAlerts.Configuration;

/// <summary>
/// <c>notif-selection/*</c>: which profile an alert uses. Lookup order: service, service tags, check, host, datacenter,
/// status, then <c>default</c>; the first kind with a match wins.
/// </summary>
internal sealed record SelectionConfig
{
    public const string DefaultProfile = "default";

    public SelectionRules Services { get; init; } = SelectionRules.None;

    /// <summary><c>notif-selection/service-tags</c>: matched against the tags of the check's service (<see cref="SelectionRules.FindAny"/>).</summary>
    public SelectionRules ServiceTags { get; init; } = SelectionRules.None;

    public SelectionRules Checks { get; init; } = SelectionRules.None;

    public SelectionRules Hosts { get; init; } = SelectionRules.None;

    public SelectionRules Status { get; init; } = SelectionRules.None;

    /// <summary><c>notif-selection/datacenters</c>: matched against the check's datacenter.</summary>
    public SelectionRules Datacenters { get; init; } = SelectionRules.None;

    /// <summary>The first matching profile name, or <see cref="DefaultProfile"/>.</summary>
    public string ProfileFor(string node, string serviceId, string checkId, string status) =>
        ProfileFor(node, serviceId, checkId, status, []);

    /// <summary>
    /// The first matching profile name for a check whose service has <paramref name="serviceTags"/>, in
    /// <paramref name="datacenter"/> (by name; empty when not known, and then no datacenter entry matches), or
    /// <see cref="DefaultProfile"/>.
    /// </summary>
    public string ProfileFor(string node, string serviceId, string checkId, string status, IReadOnlyList<string> serviceTags, string datacenter = "") =>
        (string.IsNullOrEmpty(serviceId) ? null : Services.Find(serviceId))
        ?? ServiceTags.FindAny(serviceTags)
        ?? Checks.Find(checkId)
        ?? Hosts.Find(node)
        ?? (datacenter.Length == 0 ? null : Datacenters.Find(datacenter))
        ?? Status.Find(status)
        ?? DefaultProfile;
}
