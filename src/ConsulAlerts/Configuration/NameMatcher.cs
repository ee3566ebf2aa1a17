using System.Text.RegularExpressions;

namespace ConsulAlerts.Configuration;

/// <summary>Exact names (one KV key each) plus regular expressions (a JSON array under the parent key).</summary>
internal sealed record NameMatcher
{
    public static NameMatcher None { get; } = new();

    public IReadOnlySet<string> Exact { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    public bool IsEmpty => Exact.Count == 0 && Patterns.Count == 0;

    public bool Matches(string name) => Exact.Contains(name) || Patterns.Any(p => p.IsMatch(name));
}
