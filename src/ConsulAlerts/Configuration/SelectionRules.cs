using System.Text.RegularExpressions;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Profile selection for one kind (services, checks, hosts or status): exact ids (<c>notif-selection/&lt;kind&gt;/&lt;id&gt;</c>)
/// win over the regex map (<c>notif-selection/&lt;kind&gt;</c> = <c>{"regex": "profile"}</c>), which is tried in document order.
/// </summary>
internal sealed record SelectionRules
{
    public static SelectionRules None { get; } = new();

    public IReadOnlyDictionary<string, string> Exact { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<(Regex Pattern, string Profile)> Patterns { get; init; } = [];

    /// <summary>The profile for <paramref name="id"/>, or null when no rule matches.</summary>
    public string? Find(string id)
    {
        if (Exact.TryGetValue(id, out var profile))
        {
            return profile;
        }

        foreach (var (pattern, candidate) in Patterns)
        {
            if (NameMatcher.SafeIsMatch(pattern, id))
            {
                return candidate;
            }
        }

        return null;
    }
}
