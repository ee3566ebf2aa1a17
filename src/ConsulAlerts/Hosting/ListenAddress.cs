using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Hosting;

/// <summary>
/// A <c>host:port</c> address in Go's <c>net.Listen</c> syntax, as the Go daemon took <c>--alert-addr</c>:
/// an empty host (<c>:9000</c>) means every interface, IPv6 literals are bracketed. The default, <c>localhost:9000</c>,
/// is loopback only; reaching the API from elsewhere takes an explicit address.
/// </summary>
internal sealed record ListenAddress(string Host, int Port)
{
    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException($"invalid address '{text}': {error}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "expected host:port";
            return false;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            error = "expected host:port without a scheme";
            return false;
        }

        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = "missing :port (expected host:port)";
            return false;
        }

        string host = text[..colon];
        string portText = text[(colon + 1)..];
        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || !IPAddress.TryParse(host[1..^1], out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' is not a bracketed IPv6 address";
                return false;
            }

            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = "IPv6 addresses need brackets, e.g. [::1]:9000";
            return false;
        }
        else if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"'{host}' is not a valid host name or IP address";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = $"port '{portText}' is not a number from 1 to 65535";
            return false;
        }

        address = new ListenAddress(host, port);
        return true;
    }

    /// <summary>True when the address listens on every interface rather than a specific one.</summary>
    public bool IsWildcard => Host.Length == 0 || Host == "0.0.0.0" || Host == "::";

    public bool IsLocalhost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when only this machine can connect: <c>localhost</c> or a loopback IP such as 127.0.0.1 or ::1.</summary>
    public bool IsLoopback => IsLocalhost || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// The <c>host:port</c> a client on this machine uses to reach the listener: a wildcard
    /// address cannot be connected to, so it becomes loopback (as Go's dialer does).
    /// </summary>
    public string ClientAuthority => Host switch
    {
        "" or "0.0.0.0" => $"127.0.0.1:{Port}",
        "::" => $"[::1]:{Port}",
        _ => ToString(),
    };

    /// <summary>The addresses a client on this machine would try, for probing whether something listens there.</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveForClientAsync(CancellationToken cancellationToken)
    {
        if (Host is "" or "0.0.0.0")
        {
            return [IPAddress.Loopback];
        }

        if (Host == "::")
        {
            return [IPAddress.IPv6Loopback];
        }

        if (IsLocalhost)
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        if (IPAddress.TryParse(Host, out var ip))
        {
            return [ip];
        }

        return await Dns.GetHostAddressesAsync(Host, cancellationToken);
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
