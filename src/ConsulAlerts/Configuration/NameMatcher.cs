namespace ConsulAlerts.Configuration;

/// <summary>
/// Exact names (one KV key each) plus regular expressions (a JSON array under the parent key). Pattern results are
/// cached per name for the life of the snapshot, so a name costs its patterns once, however many requests ask.
/// </summary>
internal sealed class NameMatcher
{
    private readonly MatchCache<bool> _cache = new();

    public static NameMatcher None { get; } = new();

    public IReadOnlySet<string> Exact { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<ConfiguredPattern> Patterns { get; init; } = [];

    public bool IsEmpty => Exact.Count == 0 && Patterns.Count == 0;

    /// <summary>
    /// Whether <paramref name="name"/> is listed or matches a pattern. A pattern that runs out of time counts as a
    /// match (fail closed), and so does every undecided name once <paramref name="budget"/> is spent (not cached then).
    /// </summary>
    public bool Matches(string name, MatchBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Exact.Contains(name))
        {
            return true;
        }

        if (Patterns.Count == 0)
        {
            return false;
        }

        if (_cache.TryGet(name, out var cached))
        {
            return cached;
        }

        foreach (var pattern in Patterns)
        {
            if (budget is { Exhausted: true })
            {
                return true;
            }

            if (budget is null ? pattern.IsMatch(name) : budget.IsMatch(pattern, name))
            {
                _cache.Add(name, true);
                return true;
            }
        }

        _cache.Add(name, false);
        return false;
    }
}
