using System.Text.Json;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the inhibition rules, <c>inhibit/&lt;name&gt;</c> =
/// <c>{"source": [matchers], "target": [matchers], "equal": ["node"], "enabled": true}</c>. A rule with any problem is
/// not loaded (never half of it), and every problem names its field. The built-in <c>node-down</c> rule is in force
/// unless a rule of that name replaces it (<c>{"enabled": false}</c> turns it off).
/// </summary>
internal sealed class InhibitRuleParser(ConfigValueReader reader)
{
    private const string Shape = "{\"source\": [matchers], \"target\": [matchers], \"equal\": [labels], \"enabled\": bool}";
    private readonly SortedDictionary<string, InhibitRule?> _rules = new(StringComparer.Ordinal);

    /// <summary>Reads the rule <paramref name="name"/> from its key.</summary>
    public void Parse(string key, string name, byte[]? value)
    {
        if (!reader.Admit("inhibit/", ConfigLimits.MaxEntries) || !reader.TryText(key, value, out var text)
            || !reader.TryJson(key, text, out var document, $"rule '{name}' is not loaded"))
        {
            return;
        }

        using (document)
        {
            var problems = new List<string>();
            var rule = Read(key, name, document.RootElement, problems);
            if (problems.Count > 0)
            {
                reader.Error(key, string.Join("; ", problems), $"rule '{name}' is not loaded");
                return;
            }

            _rules[name] = rule;
        }
    }

    /// <summary>The rules in force: the built-in one unless replaced, then the others by name.</summary>
    public IReadOnlyList<InhibitRule> Build()
    {
        var rules = new List<InhibitRule>();
        if (!_rules.ContainsKey(InhibitRule.NodeDownName))
        {
            rules.Add(InhibitRule.NodeDown);
        }

        rules.AddRange(_rules.Values.OfType<InhibitRule>());
        return rules;
    }

    private InhibitRule? Read(string key, string name, JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"expected an object {Shape}");
            return null;
        }

        List<AlertMatcher>? source = null;
        List<AlertMatcher> target = [];
        List<string> equal = [];
        var enabled = true;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "source":
                    source = AlertMatcherParser.Parse(property.Value, "source", key, problems, reader.PatternTimeouts);
                    break;
                case "target":
                    target = AlertMatcherParser.Parse(property.Value, "target", key, problems, reader.PatternTimeouts);
                    break;
                case "equal":
                    equal = ReadEqual(property.Value, problems);
                    break;
                case "enabled":
                    if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        enabled = property.Value.GetBoolean();
                    }
                    else
                    {
                        problems.Add("enabled: expected true or false");
                    }

                    break;
                default:
                    problems.Add($"unknown field (expected {Shape})");
                    break;
            }
        }

        if (!enabled)
        {
            return null;
        }

        if (source is null)
        {
            problems.Add("source: required");
        }
        else if (source.Count == 0 && problems.Count == 0)
        {
            problems.Add("source: at least one matcher required");
        }

        return problems.Count == 0 ? new InhibitRule(name, source!, target, equal) : null;
    }

    private static List<string> ReadEqual(JsonElement value, List<string> problems)
    {
        var labels = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add("equal: expected an array of labels");
            return labels;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var label = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
            if (label is null || !MatcherLabel.IsKnown(label))
            {
                problems.Add($"equal[{index}]: unknown label (expected one of {string.Join(", ", MatcherLabel.All)})");
            }
            else if (label == MatcherLabel.ServiceTags)
            {
                problems.Add($"equal[{index}]: {MatcherLabel.ServiceTags} holds several values and cannot be compared");
            }
            else if (!labels.Contains(label))
            {
                labels.Add(label);
            }

            index++;
        }

        return labels;
    }
}
