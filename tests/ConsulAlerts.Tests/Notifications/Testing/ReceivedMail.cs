using System.Text;
using System.Text.RegularExpressions;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// A message as the SMTP test server received it, with a minimal parse: unfolded headers, RFC 2047 encoded words
/// decoded, and a single-part body decoded by its transfer encoding and charset.
/// </summary>
/// <param name="MailFrom">The envelope sender.</param>
/// <param name="RcptTos">The envelope recipients.</param>
/// <param name="Raw">The message data as sent (SMTP data is 7-bit here: any other byte shows as '?').</param>
/// <param name="Tls">Whether the session used STARTTLS.</param>
/// <param name="Authenticated">Whether the session authenticated.</param>
internal sealed partial record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTos, string Raw, bool Tls, bool Authenticated)
{
    private int HeaderEnd => Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0 ? end : Raw.Length;

    /// <summary>Every header as (name, raw unfolded value), in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers
    {
        get
        {
            var unfolded = UnfoldRegex().Replace(Raw[..HeaderEnd], " ");
            return [.. unfolded.Split("\r\n").Where(line => line.Length > 0).Select(line =>
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                return (line[..colon], line[(colon + 1)..].Trim());
            })];
        }
    }

    /// <summary>The raw value of the only header <paramref name="name"/> (null when absent).</summary>
    public string? RawHeader(string name)
    {
        var values = Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values.Count.ShouldBeLessThanOrEqualTo(1, $"header {name} appears {values.Count} times");
        return values.SingleOrDefault();
    }

    /// <summary>The header's value with encoded words decoded.</summary>
    public string? Header(string name) => RawHeader(name) is { } value ? DecodeWords(value) : null;

    /// <summary>The body, decoded (base64 or quoted-printable, then its charset).</summary>
    public string Body
    {
        get
        {
            var raw = HeaderEnd + 4 <= Raw.Length ? Raw[(HeaderEnd + 4)..] : "";
            var encoding = RawHeader("Content-Transfer-Encoding")?.ToLowerInvariant();
            var bytes = encoding switch
            {
                "base64" => Convert.FromBase64String(raw.Replace("\r\n", "", StringComparison.Ordinal)),
                "quoted-printable" => QuotedPrintable(raw.Replace("=\r\n", "", StringComparison.Ordinal)),
                _ => Encoding.ASCII.GetBytes(raw),
            };
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>RFC 2047: <c>=?charset?B|Q?text?=</c>, whitespace between adjacent encoded words dropped.</summary>
    public static string DecodeWords(string value)
    {
        var joined = AdjacentWordsRegex().Replace(value, "?==?");
        return EncodedWordRegex().Replace(joined, match =>
        {
            var charset = Encoding.GetEncoding(match.Groups[1].Value);
            var text = match.Groups[3].Value;
            var bytes = match.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : QuotedPrintable(text.Replace('_', ' '));
            return charset.GetString(bytes);
        });
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"\r\n[ \t]+")]
    private static partial Regex UnfoldRegex();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWordsRegex();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWordRegex();
}
