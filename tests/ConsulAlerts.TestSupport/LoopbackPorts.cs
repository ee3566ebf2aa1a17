using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// Free ports on 127.0.0.1 for agents that refuse port 0. Ports come from below the kernel's ephemeral range, so an
/// outgoing connection can never be given the port of an agent that is stopped and about to start again on it; and a
/// port is never handed out twice in one test run, so agents started side by side cannot collide with one another.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    private static readonly object Gate = new();
    private static readonly HashSet<int> Given = [];
    private static readonly (int First, int End) Range = ChooseRange();

    // Test assemblies run as separate processes: each starts at its own random place in the range so they rarely
    // walk over the same ports, and a port another process holds is skipped by the bind check.
    private static int _next = Random.Shared.Next(Range.First, Range.End);

    /// <summary>A port that was free on 127.0.0.1 for both TCP and UDP (Serf gossips over both) a moment ago.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < Range.End - Range.First; attempt++)
            {
                var port = _next;
                _next = _next + 1 >= Range.End ? Range.First : _next + 1;
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException("no free loopback port found below the ephemeral range");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }
            finally
            {
                tcp.Stop();
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>[First, End): from 10000 up to where the ephemeral range starts (Linux: 32768 by default).</summary>
    private static (int First, int End) ChooseRange()
    {
        var ephemeralStart = 32_768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split(
                (char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (text.Length == 2 && int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
            {
                ephemeralStart = low;
            }
        }
        catch (IOException)
        {
            // Not Linux: keep the IANA default's start.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ephemeralStart - Lowest >= 1_000 ? (Lowest, ephemeralStart) : (Lowest, 32_768);
    }
}
