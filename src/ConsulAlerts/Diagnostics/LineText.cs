using System.Globalization;
using System.Text;

namespace ConsulAlerts.Diagnostics;

/// <summary>
/// Makes untrusted text (node, service and check names and IDs, check output, KV keys) safe inside one line of a
/// line-oriented output: the log notifier's file, the daemon's text log, <c>/v1/health</c>'s body. Every character that
/// could start a new line or drive a terminal is written as an escape: <c>\n</c>, <c>\r</c>, <c>\t</c>, and
/// <c>\uXXXX</c> for the rest of C0, DEL, C1 and the Unicode line and paragraph separators. Everything else, backslashes
/// included, is kept as it is, so an ordinary name reads exactly as before.
/// </summary>
internal static class LineText
{
    /// <summary>Whether <paramref name="c"/> must be escaped in a line.</summary>
    public static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary><paramref name="text"/> with its control characters escaped; the same instance when there is none.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfFirst(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            Append(builder, text[i]);
        }

        return builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> to <paramref name="builder"/>, escaped.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            Append(builder, c);
        }

        return builder;
    }

    private static int IndexOfFirst(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Append(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            default:
                if (NeedsEscape(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }

                break;
        }
    }
}
