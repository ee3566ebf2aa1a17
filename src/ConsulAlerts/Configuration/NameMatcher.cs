using System.Text.RegularExpressions;

namespace ConsulAlerts.Configuration;

/// <summary>Exact names (one KV key each) plus regular expressions (a JSON array under the parent key).</summary>
internal sealed record NameMatcher
{
    public static NameMatcher None { get; } = new();

    public IReadOnlySet<string> Exact { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    public bool IsEmpty => Exact.Count == 0 && Patterns.Count == 0;

    public bool Matches(string name) => Exact.Contains(name) || Patterns.Any(p => SafeIsMatch(p, name));

    /// <summary>
    /// A match that ran out of time (a hostile pattern from KV) counts as no match: routing must never throw because of
    /// configuration.
    /// </summary>
    public static bool SafeIsMatch(Regex pattern, string input)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return pattern.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
