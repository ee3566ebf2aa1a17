using System.Globalization;

namespace ConsulAlerts.Tests.Testing;

/// <summary>Ports for real agents: never one an outgoing connection could be given while the agent is stopped.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Next_ManyPorts_DistinctAndBelowTheEphemeralRange()
    {
        var ephemeralStart = 32_768;
        if (File.Exists("/proc/sys/net/ipv4/ip_local_port_range"))
        {
            ephemeralStart = int.Parse(
                File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
                CultureInfo.InvariantCulture);
        }

        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.Next()).ToList();

        ports.Distinct().Count().ShouldBe(ports.Count);
        ports.ShouldAllBe(port => port >= 10_000 && port < Math.Max(ephemeralStart, 11_000));
    }
}
