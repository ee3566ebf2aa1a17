using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>
/// Finds out whether something already listens on the alert address, so <c>start</c> can refuse
/// with a clear message instead of a bind error (the Go daemon asked <c>/v1/info</c> the same way).
/// </summary>
internal static class RunningDaemonProbe
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A message describing what occupies the address, or null when nothing listens there.</summary>
    public static async Task<string?> FindOccupantAsync(ListenAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsAnyPort)
        {
            return null; // Any free port: nothing can be in the way.
        }

        IReadOnlyList<IPAddress> candidates;
        try
        {
            candidates = await address.ResolveForClientAsync(cancellationToken);
        }
        catch (SocketException)
        {
            return null; // Unresolvable: nothing of ours can be there; binding will report the real problem.
        }

        foreach (var ip in candidates)
        {
            if (await AcceptsConnectionsAsync(new IPEndPoint(ip, address.Port), cancellationToken))
            {
                return await AskInfoAsync(address, cancellationToken) is { } version
                    ? $"another consul-alerts daemon (version {version}) already answers on {address}"
                    : $"{address} is already in use by another process";
            }
        }

        return null;
    }

    private static async Task<bool> AcceptsConnectionsAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>The version a consul-alerts daemon reports on <c>/v1/info</c>, or null if what answers is not one.</summary>
    private static async Task<string?> AskInfoAsync(ListenAddress address, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = InfoTimeout };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{address.ClientAuthority}/v1/info"), cancellationToken);
            return response.StatusCode == HttpStatusCode.Created && response.Headers.TryGetValues("version", out var values)
                ? string.Join(",", values)
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
