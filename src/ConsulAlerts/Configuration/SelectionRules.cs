namespace ConsulAlerts.Configuration;

/// <summary>
/// Profile selection for one kind (services, service tags, checks, hosts or status): exact ids
/// (<c>notif-selection/&lt;kind&gt;/&lt;id&gt;</c>) win over the regex map (<c>notif-selection/&lt;kind&gt;</c> =
/// <c>{"regex": "profile"}</c>), which is tried in document order. Which pattern an id matches first is cached per id for
/// the life of the snapshot.
/// </summary>
internal sealed class SelectionRules
{
    private readonly MatchCache<int> _cache = new();

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

        var index = FirstPattern(id);
        return index < 0 ? null : Patterns[index].Profile;
    }

    /// <summary>
    /// The profile for a set of ids (a service's tags), or null when no rule matches any: an exact id first, in the
    /// order of <paramref name="ids"/>; else the first pattern in document order that matches any of them.
    /// </summary>
    public string? FindAny(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0 || (Exact.Count == 0 && Patterns.Count == 0))
        {
            return null;
        }

        foreach (var id in ids)
        {
            if (Exact.TryGetValue(id, out var profile))
            {
                return profile;
            }
        }

        var best = -1;
        foreach (var id in ids)
        {
            var index = FirstPattern(id);
            if (index >= 0 && (best < 0 || index < best))
            {
                best = index;
            }
        }

        return best < 0 ? null : Patterns[best].Profile;
    }

    /// <summary>The position of the first pattern that matches <paramref name="id"/>, or -1.</summary>
    private int FirstPattern(string id)
    {
        if (Patterns.Count == 0)
        {
            return -1;
        }

        if (_cache.TryGet(id, out var cached))
        {
            return cached;
        }

        var found = -1;
        for (var i = 0; i < Patterns.Count; i++)
        {
            if (Patterns[i].Pattern.IsMatch(id))
            {
                found = i;
                break;
            }
        }

        _cache.Add(id, found);
        return found;
    }
}
