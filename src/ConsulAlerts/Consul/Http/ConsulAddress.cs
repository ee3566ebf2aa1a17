namespace ConsulAlerts.Consul.Http;

/// <summary>
/// Where requests go, parsed from a <c>CONSUL_HTTP_ADDR</c>-style address (docs/ARCHITECTURE.md, "Consul's API"):
/// <c>host:port</c>, <c>http://</c>, <c>https://</c> or <c>unix:///path</c>, with an optional path prefix.
/// </summary>
/// <param name="BaseUri">Scheme, host, port and path prefix, always ending in <c>/</c>; <c>localhost</c> for unix sockets.</param>
/// <param name="UnixSocketPath">The socket to dial instead of <see cref="BaseUri"/>'s host, or null.</param>
/// <param name="UserInfo">Credentials embedded as <c>user:pass@</c>, removed from <see cref="BaseUri"/>; or null.</param>
internal sealed record ConsulAddress(Uri BaseUri, string? UnixSocketPath, string? UserInfo)
{
    public const string DefaultAddress = "127.0.0.1:8500";

    public bool IsTls => BaseUri.Scheme == Uri.UriSchemeHttps;

    /// <summary>Where requests go, for messages: never <see cref="UserInfo"/>, which holds a password.</summary>
    public override string ToString() => UnixSocketPath is null ? BaseUri.ToString() : "unix://" + UnixSocketPath;

    /// <summary>Parses an address; <paramref name="useTls"/> picks https for scheme-less addresses and never downgrades to http.</summary>
    /// <exception cref="FormatException">The address is malformed or has an unsupported scheme.</exception>
    public static ConsulAddress Parse(string? address, bool useTls)
    {
        var text = string.IsNullOrWhiteSpace(address) ? DefaultAddress : address.Trim();

        if (text.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
        {
            var socketPath = text["unix://".Length..];
            if (socketPath.Length == 0 || socketPath[0] != '/')
            {
                throw new FormatException($"Invalid Consul address '{text}': a unix socket address needs an absolute path, e.g. unix:///var/run/consul.sock.");
            }

            return new ConsulAddress(new Uri(useTls ? "https://localhost/" : "http://localhost/"), socketPath, UserInfo: null);
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        string scheme;
        if (schemeEnd < 0)
        {
            scheme = useTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
            text = $"{scheme}://{text}";
        }
        else
        {
            scheme = text[..schemeEnd].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                throw new FormatException($"Invalid Consul address '{RedactUserInfo(text)}': unsupported scheme '{scheme}' (use http, https or unix).");
            }

            // CONSUL_HTTP_SSL wins over an explicit http:// (the Go client never downgrades).
            if (useTls)
            {
                scheme = Uri.UriSchemeHttps;
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException($"Invalid Consul address '{RedactUserInfo(text)}': expected host:port, http(s)://host:port[/prefix] or unix:///path.");
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = scheme,
            UserName = "",
            Password = "",
            Port = uri.IsDefaultPort ? -1 : uri.Port,
        };
        var prefix = builder.Path.Trim('/');
        builder.Path = prefix.Length == 0 ? "/" : $"/{prefix}/";
        var userInfo = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo);
        return new ConsulAddress(builder.Uri, UnixSocketPath: null, userInfo);
    }

    /// <summary>Hides credentials written into an address before it goes into a message.</summary>
    private static string RedactUserInfo(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return schemeEnd >= 0 && at > schemeEnd ? string.Concat(text.AsSpan(0, schemeEnd + 3), "***@", text.AsSpan(at + 1)) : text;
    }
}
