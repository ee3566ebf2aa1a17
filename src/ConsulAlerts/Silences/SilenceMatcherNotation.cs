using System.Text;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>
/// Alertmanager's matcher notation, as <c>amtool</c> takes it: <c>node=web-1</c>, <c>service=~"api|web"</c>,
/// <c>status!=passing</c>, <c>check!~"^_"</c>. The value may be bare or in double quotes (with <c>\"</c> and
/// <c>\\</c> escapes); the label is checked by the daemon, which names an unknown one.
/// </summary>
internal static class SilenceMatcherNotation
{
    /// <summary>Parses one matcher; false with a reason when it is not in the notation.</summary>
    public static bool TryParse(string text, out SilenceMatcher matcher, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        matcher = new SilenceMatcher();
        error = "";
        var at = text.IndexOfAny(['=', '!']);
        if (at <= 0)
        {
            error = $"'{text}' is not a matcher: expected label=value, label!=value, label=~regex or label!~regex (labels: {string.Join(", ", MatcherLabel.All)})";
            return false;
        }

        var name = text[..at].Trim();
        var rest = text[at..];
        (bool isEqual, bool isRegex, int length) = rest switch
        {
            _ when rest.StartsWith("=~", StringComparison.Ordinal) => (true, true, 2),
            _ when rest.StartsWith("!~", StringComparison.Ordinal) => (false, true, 2),
            _ when rest.StartsWith("!=", StringComparison.Ordinal) => (false, false, 2),
            _ when rest.StartsWith('=') => (true, false, 1),
            _ => (true, false, 0),
        };
        if (length == 0)
        {
            error = $"'{text}' is not a matcher: '!' must be followed by '=' or '~'";
            return false;
        }

        if (!TryUnquote(rest[length..].Trim(), out var value))
        {
            error = $"'{text}' is not a matcher: the quoted value is not closed";
            return false;
        }

        matcher = new SilenceMatcher { Name = name, Value = value, IsRegex = isRegex, IsEqual = isEqual };
        return true;
    }

    /// <summary>The notation of a matcher, value quoted: <c>service=~"api|web"</c>.</summary>
    public static string Format(SilenceMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var op = matcher.IsEqual ? (matcher.IsRegex ? "=~" : "=") : (matcher.IsRegex ? "!~" : "!=");
        var value = (matcher.Value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"{matcher.Name}{op}\"{value}\"";
    }

    private static bool TryUnquote(string text, out string value)
    {
        value = text;
        if (!text.StartsWith('"'))
        {
            return true;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[++i]);
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return i == text.Length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return false;
    }
}
