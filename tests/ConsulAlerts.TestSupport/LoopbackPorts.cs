using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// Free ports on 127.0.0.1 for agents that refuse port 0. A port is never handed out twice in one test run, so agents
/// started side by side (or restarted on their old ports) cannot collide with one another.
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> Given = [];

    /// <summary>A port that was free on 127.0.0.1 for both TCP and UDP (Serf gossips over both) a moment ago.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("no free loopback port found");
    }
}
