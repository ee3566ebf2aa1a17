namespace ConsulAlerts.Configuration;

/// <summary><c>notif-selection/*</c>: which profile an alert uses. Lookup order: service, check, host, status, then <c>default</c>.</summary>
internal sealed record SelectionConfig
{
    public const string DefaultProfile = "default";

    public SelectionRules Services { get; init; } = SelectionRules.None;

    public SelectionRules Checks { get; init; } = SelectionRules.None;

    public SelectionRules Hosts { get; init; } = SelectionRules.None;

    public SelectionRules Status { get; init; } = SelectionRules.None;

    /// <summary>The first matching profile name, or <see cref="DefaultProfile"/>.</summary>
    public string ProfileFor(string node, string serviceId, string checkId, string status) =>
        (string.IsNullOrEmpty(serviceId) ? null : Services.Find(serviceId))
        ?? Checks.Find(checkId)
        ?? Hosts.Find(node)
        ?? Status.Find(status)
        ?? DefaultProfile;
}
