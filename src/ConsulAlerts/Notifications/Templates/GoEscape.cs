using System.Globalization;
using System.Text;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>The escapers of Go's template packages.</summary>
internal static class GoEscape
{
    /// <summary>text/template's <c>html</c> function (<c>template.HTMLEscapeString</c>).</summary>
    public static string Html(string s) => Replace(s, c => c switch
    {
        '"' => "&#34;",
        '\'' => "&#39;",
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '\0' => "\uFFFD",
        _ => null,
    });

    /// <summary>html/template's escaper for HTML text content, which also escapes <c>+</c>.</summary>
    public static string HtmlText(string s) => Replace(s, c => c switch
    {
        '"' => "&#34;",
        '\'' => "&#39;",
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '+' => "&#43;",
        '\0' => "\uFFFD",
        _ => null,
    });

    /// <summary>text/template's <c>js</c> function (<c>template.JSEscapeString</c>).</summary>
    public static string Js(string s) => Replace(s, c => c switch
    {
        '\\' => "\\\\",
        '\'' => "\\'",
        '"' => "\\\"",
        '<' => "\\u003C",
        '>' => "\\u003E",
        '&' => "\\u0026",
        '=' => "\\u003D",
        _ when c < ' ' || char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
        _ => null,
    });

    /// <summary><c>urlquery</c>: Go's <c>url.QueryEscape</c>.</summary>
    public static string UrlQuery(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else if (b == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Replace(string s, Func<char, string?> replacement)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var r = replacement(s[i]);
            if (r is null)
            {
                sb?.Append(s[i]);
                continue;
            }

            sb ??= new StringBuilder(s.Length + 16).Append(s, 0, i);
            sb.Append(r);
        }

        return sb?.ToString() ?? s;
    }
}
