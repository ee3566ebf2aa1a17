namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the keys under <c>checks/blacklist/</c>: nodes, services, checks, statuses, datacenters and service tags muted by name (a
/// key's presence mutes, whatever its value, as in the Go daemon) or by a JSON array of regular expressions, and single
/// checks.
/// </summary>
internal sealed class BlacklistParser
{
    private static readonly string[] Kinds = ["nodes", "services", "checks", "status", "service-tags", "datacenters"];

    private readonly ConfigValueReader _reader;
    private readonly Dictionary<string, HashSet<string>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ConfiguredPattern>> _patterns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _single = new(StringComparer.Ordinal);

    public BlacklistParser(ConfigValueReader reader)
    {
        _reader = reader;
        foreach (var kind in Kinds)
        {
            _exact[kind] = new HashSet<string>(StringComparer.Ordinal);
            _patterns[kind] = [];
        }
    }

    /// <summary>The blacklist read.</summary>
    public BlacklistConfig Build() => new()
    {
        Nodes = Matcher("nodes"),
        Services = Matcher("services"),
        Checks = Matcher("checks"),
        Status = Matcher("status"),
        ServiceTags = Matcher("service-tags"),
        Datacenters = Matcher("datacenters"),
        Single = _single,
    };

    /// <summary>Reads one key under <c>checks/blacklist/</c>; <paramref name="s"/> are its segments after the config root.</summary>
    public void Parse(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, _, "single", var node, var service, _, ..]:
                if (_reader.Admit("checks/blacklist/single/"))
                {
                    _single.Add(ThresholdOverrides.SingleKey(node, service, ConfigValueReader.Join(s, 5, s.Length)));
                }

                break;
            case [_, _, var kind] when Kinds.Contains(kind):
                if (_reader.TryText(key, value, out var text) && _reader.TryStringArray(key, text, "regular expressions", out var patterns))
                {
                    for (var i = 0; i < patterns.Count; i++)
                    {
                        if (_reader.TryRegex(key, patterns[i], $"pattern {i + 1}", out var regex))
                        {
                            _patterns[kind].Add(regex);
                        }
                    }
                }

                break;
            case [_, _, var kind, _, ..] when Kinds.Contains(kind):
                // Presence mutes: the value is irrelevant, as in the Go daemon.
                if (_reader.Admit($"checks/blacklist/{kind}/"))
                {
                    _exact[kind].Add(ConfigValueReader.Join(s, 3, s.Length));
                }

                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private NameMatcher Matcher(string kind) =>
        _exact[kind].Count == 0 && _patterns[kind].Count == 0
            ? NameMatcher.None
            : new NameMatcher { Exact = _exact[kind], Patterns = _patterns[kind] };
}
