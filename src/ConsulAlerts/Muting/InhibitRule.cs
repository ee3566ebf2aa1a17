namespace ConsulAlerts.Muting;

/// <summary>
/// An inhibition rule (<c>&lt;prefix&gt;/config/inhibit/&lt;name&gt;</c>): while a check matching every
/// <see cref="Source"/> matcher is in that state, changes of other checks matching every <see cref="Target"/> matcher
/// (none: every check) and agreeing with the source on each label of <see cref="Equal"/> are muted. A check never
/// inhibits itself. Sources are judged on the latest health read, so a storm is muted from its first second.
/// </summary>
/// <param name="Name">The rule's name, shown as the reason (<c>inhibited by &lt;name&gt;</c>).</param>
/// <param name="Source">What the inhibiting check looks like; at least one matcher.</param>
/// <param name="Target">What the muted checks look like; empty matches every check.</param>
/// <param name="Equal">Labels that must be equal between source and target (single-valued labels only).</param>
internal sealed record InhibitRule(string Name, IReadOnlyList<AlertMatcher> Source, IReadOnlyList<AlertMatcher> Target, IReadOnlyList<string> Equal)
{
    /// <summary>The name of the built-in rule, which a rule of the same name in KV replaces.</summary>
    public const string NodeDownName = "node-down";

    /// <summary>The built-in rule: a node whose <c>serfHealth</c> is critical is down; its other checks are muted.</summary>
    public static InhibitRule NodeDown { get; } = new(
        NodeDownName,
        [
            AlertMatcher.Create("inhibit/node-down", MatcherLabel.Check, "serfHealth", isRegex: false, isEqual: true),
            AlertMatcher.Create("inhibit/node-down", MatcherLabel.Status, "critical", isRegex: false, isEqual: true),
        ],
        [],
        [MatcherLabel.Node]);

    public static bool SourceMatches(InhibitRule rule, in AlertSubject subject) => AllMatch(rule.Source, subject);

    public static bool TargetMatches(InhibitRule rule, in AlertSubject subject) => AllMatch(rule.Target, subject);

    /// <summary>The values of the <see cref="Equal"/> labels, joined: sources and targets with the same join agree.</summary>
    public string EqualKey(in AlertSubject subject)
    {
        // Inhibition never crosses datacenters (node names may repeat across them): the check's own datacenter leads
        // every key; empty for the agent's own, so a single-datacenter key is just the labels' values.
        var datacenter = subject.Check.Datacenter;
        if (Equal.Count == 1 && datacenter.Length == 0)
        {
            return subject.Value(Equal[0]) ?? "";
        }

        var parts = new string[Equal.Count + 1];
        parts[0] = datacenter;
        for (var i = 0; i < Equal.Count; i++)
        {
            parts[i + 1] = subject.Value(Equal[i]) ?? "";
        }

        // A character no Consul name holds keeps ("a", "b/c") and ("a/b", "c") apart.
        return string.Join('\u0000', parts);
    }

    private static bool AllMatch(IReadOnlyList<AlertMatcher> matchers, in AlertSubject subject)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(subject))
            {
                return false;
            }
        }

        return true;
    }
}
