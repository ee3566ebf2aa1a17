using System.Text;

namespace ConsulAlerts.Diagnostics;

/// <summary>
/// Removes credentials written into URLs (<c>scheme://user:password@host</c>) from text that is logged or shown: a
/// Consul address, a Mattermost server, an SMTP relay may all carry them, and the userinfo is a secret at any log
/// level. Scans the text once for every <c>://</c>, so it also cleans URLs inside longer messages.
/// </summary>
internal static class UrlText
{
    private const string SchemeSeparator = "://";

    /// <summary><paramref name="text"/> with the userinfo of every URL in it removed; the same instance when there is none.</summary>
    public static string StripUserInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        while (separator >= 0)
        {
            var authority = separator + SchemeSeparator.Length;
            var at = UserInfoEnd(text, authority);
            if (at >= 0)
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, authority - copied);
                copied = at + 1;
            }

            separator = text.IndexOf(SchemeSeparator, authority, StringComparison.Ordinal);
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The URL's text without userinfo.</summary>
    public static string StripUserInfo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return StripUserInfo(url.ToString());
    }

    // The '@' that ends the userinfo of an authority starting at `start`, or -1 when the authority has none: the
    // authority ends at the first '/', '?', '#', quote or white space.
    private static int UserInfoEnd(string text, int start)
    {
        var at = -1;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '/' or '?' or '#' or '"' or '\'' or '<' or '>' || char.IsWhiteSpace(c))
            {
                break;
            }

            if (c == '@')
            {
                at = i;
            }
        }

        return at;
    }
}
