using System.Text.Json;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the keys under <c>notif-selection/</c>: which profile a service, service tag, check, host, datacenter or status selects, by
/// exact name (one key each) or by the regular expressions of one JSON map, matched in document order.
/// </summary>
internal sealed class SelectionParser
{
    private static readonly string[] Kinds = ["services", "service-tags", "checks", "hosts", "status", "datacenters"];

    private readonly ConfigValueReader _reader;
    private readonly Dictionary<string, Dictionary<string, string>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ConfiguredPattern Pattern, string Profile)>> _patterns = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Profile, string Subject)> _references = [];

    public SelectionParser(ConfigValueReader reader)
    {
        _reader = reader;
        foreach (var kind in Kinds)
        {
            _exact[kind] = new Dictionary<string, string>(StringComparer.Ordinal);
            _patterns[kind] = [];
        }
    }

    /// <summary>Reports each selection that names a profile not in <paramref name="profiles"/>.</summary>
    public void ReportUndefinedProfiles(IReadOnlyDictionary<string, ProfileConfig> profiles)
    {
        foreach (var (key, profile, subject) in _references)
        {
            if (!profiles.ContainsKey(profile))
            {
                _reader.Note(key, $"{subject} that is not defined under notif-profiles/");
            }
        }
    }

    /// <summary>The selection read.</summary>
    public SelectionConfig Build() => new()
    {
        Services = Rules("services"),
        ServiceTags = Rules("service-tags"),
        Checks = Rules("checks"),
        Hosts = Rules("hosts"),
        Status = Rules("status"),
        Datacenters = Rules("datacenters"),
    };

    /// <summary>Reads one key under <c>notif-selection/</c>; <paramref name="s"/> are its segments after the config root.</summary>
    public void Parse(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, var kind] when Kinds.Contains(kind):
                if (_reader.TryText(key, value, out var text) && _reader.TryJson(key, text, out var document))
                {
                    using (document)
                    {
                        ParseMap(key, kind, document.RootElement);
                    }
                }

                break;
            case [_, var kind, _, ..] when Kinds.Contains(kind):
                if (_reader.TryText(key, value, out var profile))
                {
                    if (profile.Length == 0)
                    {
                        _reader.Error(key, "value is empty; expected a profile name", "the selection is ignored");
                    }
                    else if (_reader.Admit($"notif-selection/{kind}/"))
                    {
                        _exact[kind][ConfigValueReader.Join(s, 2, s.Length)] = profile;
                        _references.Add((key, profile, "selects a profile"));
                    }
                }

                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private void ParseMap(string key, string kind, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _reader.Error(key, $"value is JSON {ConfigValueReader.Describe(root.ValueKind)}, expected an object of \"regex\": \"profile\"");
            return;
        }

        // Document order is the matching order: the first pattern that matches wins.
        _reader.TooMany(key, "value", root.EnumerateObject().Count());
        var position = 0;
        foreach (var rule in root.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            var profile = rule.Value.ValueKind == JsonValueKind.String ? rule.Value.GetString()!.Trim() : "";
            if (profile.Length == 0)
            {
                _reader.Error(key, $"the profile of pattern {position} must be a non-empty string", "the pattern is ignored");
                continue;
            }

            if (_reader.TryRegex(key, rule.Name, $"pattern {position}", out var regex))
            {
                _patterns[kind].Add((regex, profile));
                _references.Add((key, profile, $"pattern {position} selects a profile"));
            }
        }
    }

    private SelectionRules Rules(string kind) =>
        _exact[kind].Count == 0 && _patterns[kind].Count == 0
            ? SelectionRules.None
            : new SelectionRules { Exact = _exact[kind], Patterns = _patterns[kind] };
}
