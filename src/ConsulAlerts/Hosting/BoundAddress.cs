using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConsulAlerts.Hosting;

/// <summary>
/// The address the API listens on once the server has started: the configured host with the port the server bound,
/// which differs from the configured one for port 0 (any free port). The log and <c>/v1/status</c> report it, so
/// whoever started the daemon on port 0 can find it.
/// </summary>
internal static class BoundAddress
{
    public static ListenAddress Of(IServer server, ConsulAlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var configured = ListenAddress.Parse(options.AlertAddress, allowAnyPort: true);
        if (!configured.IsAnyPort)
        {
            return configured;
        }

        // Kestrel lists what it bound as URLs (http://127.0.0.1:41234); with one listener, one port.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in addresses)
        {
            int colon = url.LastIndexOf(':');
            if (colon > 0 && int.TryParse(url.AsSpan(colon + 1).TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port > 0)
            {
                return configured with { Port = port };
            }
        }

        return configured;
    }
}
