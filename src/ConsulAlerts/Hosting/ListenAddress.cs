using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Hosting;

/// <summary>
/// A <c>host:port</c> address in Go's <c>net.Listen</c> syntax, as the Go daemon took <c>--alert-addr</c>:
/// an empty host (<c>:9000</c>) means every interface, IPv6 literals are bracketed. The default, <c>localhost:9000</c>,
/// is loopback only; reaching the API from elsewhere takes an explicit address. Port 0, where a listener allows it,
/// asks for any free port (Go's <c>net.Listen</c> does the same); the daemon then reports the port it was given.
/// </summary>
internal sealed record ListenAddress(string Host, int Port)
{
    public static ListenAddress Parse(string text, bool allowAnyPort = false) =>
        TryParse(text, out var address, out var error, allowAnyPort) ? address : throw new FormatException($"invalid address '{text}': {error}");

    /// <param name="text">The address.</param>
    /// <param name="address">The parsed address.</param>
    /// <param name="error">Why the text is no address.</param>
    /// <param name="allowAnyPort">
    /// Port 0 is allowed (a listener's "any free port"), with an IP address or no host only: a host name may resolve to
    /// several addresses, each of which would be given a port of its own, and Kestrel refuses it for localhost.
    /// </param>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error, bool allowAnyPort = false)
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

        int minPort = allowAnyPort ? 0 : 1;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < minPort || port > 65535)
        {
            error = $"port '{portText}' is not a number from {minPort} to 65535";
            return false;
        }

        if (port == 0 && host.Length > 0 && !IPAddress.TryParse(host, out _))
        {
            error = $"port 0 (any free port) needs an IP address, such as 127.0.0.1:0, not the host name '{host}'";
            return false;
        }

        address = new ListenAddress(host, port);
        return true;
    }

    /// <summary>True when the address listens on every interface rather than a specific one.</summary>
    public bool IsWildcard => Host.Length == 0 || Host == "0.0.0.0" || Host == "::";

    /// <summary>True for port 0: the listener is given any free port.</summary>
    public bool IsAnyPort => Port == 0;

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
