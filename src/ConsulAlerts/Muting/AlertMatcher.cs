using ConsulAlerts.Configuration;

namespace ConsulAlerts.Muting;

/// <summary>
/// One matcher of a silence or an inhibition rule, in Alertmanager's shape: a label, a value, whether the value is a
/// regular expression (anchored: it must match the whole value) and whether the test is negated.
/// </summary>
internal sealed record AlertMatcher
{
    private AlertMatcher(string name, string value, bool isRegex, bool isEqual, ConfiguredPattern? pattern)
    {
        Name = name;
        Value = value;
        IsRegex = isRegex;
        IsEqual = isEqual;
        Pattern = pattern;
    }

    /// <summary>The label (<see cref="MatcherLabel"/>).</summary>
    public string Name { get; }

    public string Value { get; }

    public bool IsRegex { get; }

    /// <summary>False negates the test (<c>!=</c> or <c>!~</c>).</summary>
    public bool IsEqual { get; }

    private ConfiguredPattern? Pattern { get; }

    /// <summary>A matcher on a known label; a regular expression is compiled anchored, on the linear-time engine when it can.</summary>
    /// <param name="key">Where the matcher comes from (a KV key or an API field), named by pattern timeouts.</param>
    /// <param name="name">The label.</param>
    /// <param name="value">The value, or the regular expression.</param>
    /// <param name="isRegex">Whether <paramref name="value"/> is a regular expression.</param>
    /// <param name="isEqual">False negates the test.</param>
    /// <param name="timeouts">Where a match that runs out of time is reported.</param>
    /// <exception cref="ArgumentException">The label is unknown.</exception>
    /// <exception cref="System.Text.RegularExpressions.RegexParseException">The regular expression does not parse.</exception>
    public static AlertMatcher Create(string key, string name, string value, bool isRegex, bool isEqual, PatternTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!MatcherLabel.IsKnown(name))
        {
            throw new ArgumentException($"unknown matcher label '{name}'", nameof(name));
        }

        var pattern = isRegex ? ConfiguredPattern.Compile(key, $"^(?:{value})$", timeouts) : null;
        return new AlertMatcher(name, value, isRegex, isEqual, pattern);
    }

    /// <summary>Whether the subject satisfies this matcher.</summary>
    public bool Matches(in AlertSubject subject)
    {
        if (Name == MatcherLabel.ServiceTags)
        {
            var any = false;
            foreach (var tag in subject.Check.ServiceTags)
            {
                if (Test(tag))
                {
                    any = true;
                    break;
                }
            }

            return any == IsEqual;
        }

        return Test(subject.Value(Name) ?? "") == IsEqual;
    }

    /// <summary>Alertmanager's notation: <c>node="web-1"</c>, <c>service=~"api|web"</c>, <c>status!="passing"</c>.</summary>
    public override string ToString() => $"{Name}{(IsEqual ? (IsRegex ? "=~" : "=") : (IsRegex ? "!~" : "!="))}\"{Value}\"";

    private bool Test(string value) => Pattern is { } pattern ? pattern.IsMatch(value) : string.Equals(value, Value, StringComparison.Ordinal);
}
