namespace ConsulAlerts.Configuration;

/// <summary>
/// Profile selection for one kind (services, checks, hosts or status): exact ids (<c>notif-selection/&lt;kind&gt;/&lt;id&gt;</c>)
/// win over the regex map (<c>notif-selection/&lt;kind&gt;</c> = <c>{"regex": "profile"}</c>), which is tried in document order.
/// Pattern results are cached per id for the life of the snapshot.
/// </summary>
internal sealed class SelectionRules
{
    private readonly MatchCache<string?> _cache = new();

    public static SelectionRules None { get; } = new();

    public IReadOnlyDictionary<string, string> Exact { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<(ConfiguredPattern Pattern, string Profile)> Patterns { get; init; } = [];

    /// <summary>
    /// The profile for <paramref name="id"/>, or null when no rule matches. A pattern that runs out of time counts as a
    /// match: its profile is the one the operator wrote for such ids.
    /// </summary>
    public string? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Exact.TryGetValue(id, out var profile))
        {
            return profile;
        }

        if (Patterns.Count == 0)
        {
            return null;
        }

        if (_cache.TryGet(id, out var cached))
        {
            return cached;
        }

        string? found = null;
        foreach (var (pattern, candidate) in Patterns)
        {
            if (pattern.IsMatch(id))
            {
                found = candidate;
                break;
            }
        }

        _cache.Add(id, found);
        return found;
    }
}
