using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Muting;

/// <summary>
/// Reads a JSON array of matchers (<c>[{"name", "value", "isRegex", "isEqual"}]</c>, Alertmanager's shape, names
/// matched case-insensitively) and reports every problem with its field path (<c>source[1].name</c>). Problems never
/// quote a value: a matcher may have been pasted from anywhere.
/// </summary>
internal static class AlertMatcherParser
{
    /// <summary>Most matchers one list may hold.</summary>
    public const int MaxMatchers = 32;

    /// <summary>Longest value (or regular expression) of one matcher.</summary>
    public const int MaxValueLength = ConfigLimits.MaxPatternLength;

    /// <summary>Parses <paramref name="array"/>; every problem is added to <paramref name="problems"/> as <c>field: problem</c>.</summary>
    /// <param name="array">The JSON value that should be the array.</param>
    /// <param name="field">Its field path, e.g. <c>matchers</c>.</param>
    /// <param name="key">Where the matchers come from, named when a pattern runs out of time.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="timeouts">Where pattern timeouts are reported.</param>
    public static List<AlertMatcher> Parse(JsonElement array, string field, string key, ICollection<string> problems, PatternTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var matchers = new List<AlertMatcher>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{field}: expected an array of matchers");
            return matchers;
        }

        if (array.GetArrayLength() > MaxMatchers)
        {
            problems.Add($"{field}: more than {MaxMatchers} matchers");
            return matchers;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (TryParseOne(element, $"{field}[{index}]", key, problems, timeouts) is { } matcher)
            {
                matchers.Add(matcher);
            }

            index++;
        }

        return matchers;
    }

    private static AlertMatcher? TryParseOne(JsonElement element, string path, string key, ICollection<string> problems, PatternTimeouts? timeouts)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected an object {{\"name\", \"value\", \"isRegex\", \"isEqual\"}}");
            return null;
        }

        string? name = null;
        string? value = null;
        var isRegex = false;
        var isEqual = true;
        var ok = true;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "name":
                    name = Text(property.Value, $"{path}.name", problems);
                    ok &= name is not null;
                    break;
                case "value":
                    value = Text(property.Value, $"{path}.value", problems);
                    ok &= value is not null;
                    break;
                case "isregex":
                    ok &= Flag(property.Value, $"{path}.isRegex", problems, ref isRegex);
                    break;
                case "isequal":
                    ok &= Flag(property.Value, $"{path}.isEqual", problems, ref isEqual);
                    break;
                default:
                    problems.Add($"{path}: unknown field (expected name, value, isRegex, isEqual)");
                    ok = false;
                    break;
            }
        }

        if (name is null && ok)
        {
            problems.Add($"{path}.name: required");
            ok = false;
        }

        if (value is null && ok)
        {
            problems.Add($"{path}.value: required");
            ok = false;
        }

        if (name is not null && !MatcherLabel.IsKnown(name))
        {
            problems.Add($"{path}.name: unknown label (expected one of {string.Join(", ", MatcherLabel.All)})");
            ok = false;
        }

        if (value is { Length: > MaxValueLength })
        {
            problems.Add($"{path}.value: longer than {MaxValueLength} characters");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        try
        {
            return AlertMatcher.Create($"{key} {path}", name!, value!, isRegex, isEqual, timeouts);
        }
        catch (RegexParseException ex)
        {
            // The exception's message quotes the pattern: only the kind of error and its offset are reported.
            problems.Add($"{path}.value: not a valid regular expression ({ex.Error} at offset {ex.Offset})");
            return null;
        }
        catch (ArgumentException)
        {
            problems.Add($"{path}.value: not a valid regular expression");
            return null;
        }
    }

    private static string? Text(JsonElement value, string path, ICollection<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        problems.Add($"{path}: expected a string");
        return null;
    }

    private static bool Flag(JsonElement value, string path, ICollection<string> problems, ref bool flag)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            flag = value.GetBoolean();
            return true;
        }

        problems.Add($"{path}: expected true or false");
        return false;
    }
}
