using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Compat;
using ConsulAlerts.Consul;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the values of one configuration snapshot and collects what is wrong with them, each problem naming its key.
/// Shared by the parsers of each part of the configuration, so that every key is read, limited and reported the same
/// way. Never quotes a value, nor any part of one: a password pasted into the wrong key stays secret.
/// </summary>
internal sealed class ConfigValueReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    private readonly List<ConfigProblem> _problems = [];
    private readonly Dictionary<string, int> _folderCounts = new(StringComparer.Ordinal);

    /// <summary>The problems found so far, in the order they were found.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Timeouts of the backtracking patterns compiled while reading this snapshot.</summary>
    public PatternTimeouts PatternTimeouts { get; } = new();

    /// <summary>Reports every folder that held more keys than its limit; <paramref name="root"/> is the config root.</summary>
    public void ReportFolderLimits(string root)
    {
        foreach (var (folder, count) in _folderCounts)
        {
            var limit = folder == "notif-profiles/" ? ConfigLimits.MaxProfiles : ConfigLimits.MaxKeysPerFolder;
            if (count > limit)
            {
                Note(root + folder, $"{count} keys, more than {limit}", $"the {count - limit} after the {limit}th (in key order) are ignored");
            }
        }
    }

    public bool TryText(string key, byte[]? value, out string text)
    {
        try
        {
            // A byte order mark is what some editors leave in files loaded with `consul kv put key @file`.
            text = value is null ? "" : StrictUtf8.GetString(value).Trim().TrimStart('\uFEFF').Trim();
            return true;
        }
        catch (DecoderFallbackException)
        {
            Error(key, "value is not valid UTF-8 text");
            text = "";
            return false;
        }
    }

    public bool TryBool(string key, string text, bool? fallback, out bool value, string what = "value")
    {
        // Go's strconv.ParseBool, which the Go daemon used for every boolean key.
        bool ok = GoBool.TryParse(text, out bool? parsed);
        value = parsed ?? false;
        if (!ok)
        {
            var instead = fallback is { } f ? $"the default {(f ? "true" : "false")} is used" : "the default is used";
            Error(key, $"{what} is not a boolean (true/false, t/f, 1/0)", instead);
        }

        return parsed is not null;
    }

    public bool TrySeconds(string key, string text, TimeSpan? fallback, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var instead = fallback is { } f ? $"the default {f.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is used" : "the override is ignored";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            Error(key, "value is not a whole number of seconds", instead);
            return false;
        }

        if (seconds < 0)
        {
            Error(key, $"value {seconds} must not be negative", instead);
            return false;
        }

        if (seconds > int.MaxValue)
        {
            Error(key, $"value {seconds} is too large (at most {int.MaxValue} seconds)", instead);
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A group-wait: a Go duration (<c>"2s"</c>, <c>"500ms"</c>, <c>"0"</c>), not negative, at most <see cref="ChecksConfig.MaxGroupWait"/>.</summary>
    public bool TryGroupWait(string key, string text, string what, string instead, out TimeSpan value)
    {
        if (!GoDuration.TryParse(text, out value))
        {
            Error(key, $"{what} is not a Go duration (such as 2s, 500ms or 0)", instead);
            return false;
        }

        if (value < TimeSpan.Zero)
        {
            Error(key, $"{what} must not be negative", instead);
            return false;
        }

        if (value > ChecksConfig.MaxGroupWait)
        {
            Error(key, $"{what} is longer than the limit of {ChecksConfig.MaxGroupWait.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes", instead);
            return false;
        }

        return true;
    }

    /// <summary>A Go duration (<c>120h</c>, <c>1h30m</c>) from zero to <paramref name="max"/>; otherwise reported, with <paramref name="fallback"/> said to be used.</summary>
    public bool TryDuration(string key, string text, TimeSpan fallback, TimeSpan max, out TimeSpan value)
    {
        var instead = $"the default {Consul.GoDuration.ToText(fallback)} is used";
        if (!Consul.GoDuration.TryParse(text, out value))
        {
            Error(key, "value is not a Go duration (e.g. 120h, 36h30m)", instead);
            return false;
        }

        if (value < TimeSpan.Zero || value > max)
        {
            Error(key, $"value must be from 0s to {Consul.GoDuration.ToText(max)}", instead);
            return false;
        }

        return true;
    }

    /// <summary>A JSON array of strings, each trimmed; empty or non-string elements are reported and skipped.</summary>
    public bool TryStringArray(string key, string text, string what, out List<string> items, bool skipBadElements = true, string subject = "value")
    {
        items = [];
        if (!TryJson(key, text, out var document, subject: subject))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                Error(key, $"{subject} is JSON {Describe(root.ValueKind)}, expected an array of {what}");
                return false;
            }

            if (root.GetArrayLength() > ConfigLimits.MaxEntries && !skipBadElements)
            {
                Error(key, $"{subject} has {root.GetArrayLength()} elements, more than {ConfigLimits.MaxEntries}", "the whole value is ignored");
                return false;
            }

            TooMany(key, subject, root.GetArrayLength());
            var position = 0;
            foreach (var element in root.EnumerateArray().Take(ConfigLimits.MaxEntries))
            {
                var item = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : "";
                if (item.Length == 0)
                {
                    var problem = element.ValueKind == JsonValueKind.String
                        ? $"{subject} element {position} is an empty string"
                        : $"{subject} element {position} must be a string, not {Describe(element.ValueKind)}";
                    if (!skipBadElements)
                    {
                        Error(key, problem, "the whole value is ignored");
                        return false;
                    }

                    Error(key, problem, "it is skipped");
                }
                else
                {
                    items.Add(item);
                }

                position++;
            }

            return true;
        }
    }

    public bool TryJson(string key, string text, out JsonDocument document, string consequence = "ignored", string subject = "value")
    {
        document = null!;
        if (text.Length == 0)
        {
            Error(key, $"{subject} is empty; expected JSON", consequence);
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The exception message quotes the offending character: only the position is reported, values may be secret.
            Error(key, $"{subject} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", consequence);
            return false;
        }

        if (!IsText(document.RootElement))
        {
            document.Dispose();
            document = null!;
            Error(key, $"{subject} holds a \\u escape of a lone surrogate (\\uD800-\\uDFFF), which is no text; {consequence}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether every name and string in <paramref name="element"/> is text. JSON's grammar lets <c>"\ud800"</c> stand
    /// alone, but reading it as a string throws, so such a value is refused as a whole before anything reads it.
    /// </summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!IsText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsText);
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public bool TryRegex(string key, string pattern, string which, out ConfiguredPattern regex)
    {
        regex = null!;
        if (pattern.Length > ConfigLimits.MaxPatternLength)
        {
            Error(key, $"{which} is longer than {ConfigLimits.MaxPatternLength} characters");
            return false;
        }

        try
        {
            regex = ConfiguredPattern.Compile(key, pattern, PatternTimeouts);
            if (!regex.Linear)
            {
                Note(key, $"{which} needs the backtracking regex engine (lookaround, backreference, atomic group or a very large repetition; "
                    + $"Go's RE2 accepted none of them): it is matched with a {ConfiguredPattern.BacktrackingTimeout.TotalMilliseconds:0} ms limit per name, "
                    + "and a name it cannot decide in time counts as matching");
            }

            return true;
        }
        catch (RegexParseException ex)
        {
            // The exception's message quotes the pattern: only the kind of error and its offset are reported.
            Error(key, $"{which} is not a valid regular expression ({Words(ex.Error.ToString())} at offset {ex.Offset})");
        }
        catch (ArgumentException)
        {
            Error(key, $"{which} is not a valid regular expression");
        }

        return false;
    }

    /// <summary>Counts a key of <paramref name="folder"/>; false once the folder holds more than its limit.</summary>
    public bool Admit(string folder, int limit = ConfigLimits.MaxKeysPerFolder)
    {
        var count = _folderCounts.GetValueOrDefault(folder) + 1;
        _folderCounts[folder] = count;
        return count <= limit;
    }

    /// <summary>
    /// Reports a JSON list or map of <paramref name="count"/> entries that is longer than <see cref="ConfigLimits.MaxEntries"/>;
    /// true when it is.
    /// </summary>
    public bool TooMany(string key, string what, int count)
    {
        if (count <= ConfigLimits.MaxEntries)
        {
            return false;
        }

        Error(key, $"{what} has {count} entries, more than {ConfigLimits.MaxEntries}", $"those after the {ConfigLimits.MaxEntries}th are ignored");
        return true;
    }

    public void Unknown(string key) => Note(key, "unknown configuration key", "ignored");

    /// <summary>A value (or a part of it) that cannot be used: the key's last good value takes its place when there is one.</summary>
    public void Error(string key, string problem, string? consequence = "ignored") => _problems.Add(new ConfigProblem(key, problem, consequence, OfTheValue: true));

    /// <summary>A problem that is not the value's own (unknown key, a reference to something not defined): reported only.</summary>
    public void Note(string key, string problem, string? consequence = null) => _problems.Add(new ConfigProblem(key, problem, consequence, OfTheValue: false));

    /// <summary>Segments <paramref name="start"/> to <paramref name="end"/> (exclusive) of a key, joined as in the key.</summary>
    public static string Join(string[] segments, int start, int end) => string.Join('/', segments[start..end]);

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary><c>InsufficientClosingParentheses</c> as <c>insufficient closing parentheses</c>.</summary>
    private static string Words(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
