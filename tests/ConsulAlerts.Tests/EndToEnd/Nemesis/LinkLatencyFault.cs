using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>0.5–3 s added to every chunk on the daemons' links to Consul (drawn per connection) for 8–15 s.</summary>
internal sealed class LinkLatencyFault : INemesisFault
{
    public string Name => "latency on the links to Consul";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var duration = TimeSpan.FromSeconds(8 + (random.NextDouble() * 7));
        var latency = new Random(random.Next());
        var gate = new Lock();
        double start = run.Clock.Now;
        foreach (var proxy in run.Cluster.DaemonProxies)
        {
            proxy.Latency = () =>
            {
                lock (gate)
                {
                    return TimeSpan.FromSeconds(0.5 + (latency.NextDouble() * 2.5));
                }
            };
            proxy.ResetConnections(); // pooled connections would keep forwarding at once
        }

        await Task.Delay(duration);
        foreach (var proxy in run.Cluster.DaemonProxies)
        {
            proxy.Latency = null;
            proxy.ResetConnections();
        }

        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"for {duration.TotalSeconds:0.0} s"), start, run.Clock.Now);
    }
}
