using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConsulAlerts.Notifications.Aws;

/// <summary>
/// AWS Signature Version 4 (<c>AWS4-HMAC-SHA256</c>) in the <c>Authorization</c> header: canonical request, string to
/// sign, the derived signing key (date, region, service, <c>aws4_request</c>) and the header value. The path is
/// normalized (empty and <c>.</c> segments dropped, <c>..</c> resolved) and encoded once, as every service but S3 expects.
/// </summary>
/// <remarks>
/// Kept rather than AWSSDK.Core's signer: that one (<c>Amazon.Runtime.Internal.Auth.AWS4Signer</c>) lives in the SDK's
/// internal namespace, which may change in any release, and signs the SDK's own request model of a generated service
/// client, not an <see cref="HttpRequestMessage"/>; using it would mean taking the SNS service package to send one form
/// POST. This one is small, has no such ties, and is checked against AWS's published Signature V4 test suite.
/// </remarks>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signs <paramref name="request"/> at <paramref name="time"/> for <paramref name="region"/> and <paramref name="service"/>.</summary>
    public static SigV4Signature Sign(SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var utc = time.ToUniversalTime();
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 3) { new("host", request.Host) };
        headers.AddRange(request.Headers.Where(h => !IsAdded(h.Key)));
        headers.Add(new("x-amz-date", amzDate));
        if (credentials.SessionToken is { } token)
        {
            headers.Add(new("x-amz-security-token", token));
        }

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(headers);
        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalPath(request.Path),
            CanonicalQuery(request.Query),
            canonicalHeaders,
            signedHeaders,
            Hex(SHA256.HashData(request.Payload.Span)));

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signature = Hex(HMACSHA256.HashData(SigningKey(credentials.SecretAccessKey, date, region, service), Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signature, authorization, amzDate, signedHeaders);
    }

    /// <summary>The key derived from the secret for one day, region and service.</summary>
    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    /// <summary>The normalized path, each segment percent-encoded (RFC 3986 unreserved characters kept).</summary>
    public static string CanonicalPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in (path ?? "").Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    break;
                default:
                    segments.Add(Encode(segment));
                    break;
            }
        }

        if (segments.Count == 0)
        {
            return "/";
        }

        var trailing = path!.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    /// <summary>The encoded parameters sorted by name, then value (ordinal, after encoding).</summary>
    public static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join('&', query
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>
    /// Percent-encodes UTF-8 bytes of <paramref name="text"/> but <c>A-Z a-z 0-9 - _ . ~</c>, in upper-case hex: SigV4's
    /// rule, which is RFC 3986's unreserved set, so .NET's own escaper does it.
    /// </summary>
    public static string Encode(string text) => Uri.EscapeDataString(text);

    /// <summary>Parses a raw query string (with or without its <c>?</c>) into unescaped parameters.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string? query)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            result.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return result;
    }

    /// <summary>The <c>Host</c> header for <paramref name="url"/>: host, and port when not the scheme's default.</summary>
    public static string HostHeader(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsDefaultPort ? url.IdnHost : string.Create(CultureInfo.InvariantCulture, $"{url.IdnHost}:{url.Port}");
    }

    private static bool IsAdded(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-amz-date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-amz-security-token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lower-case names sorted; values trimmed, inner runs of whitespace collapsed, repeated names joined with commas in order.</summary>
    private static (string Canonical, string Signed) CanonicalHeaders(List<KeyValuePair<string, string>> headers)
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(key, out var values))
            {
                byName[key] = values = [];
            }

            values.Add(Collapse(value));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in byName)
        {
            canonical.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', byName.Keys));
    }

    private static string Collapse(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
