using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>Connection resets on a random daemon's link to Consul every 0.3–2 s, for 5–10 s.</summary>
internal sealed class LinkResetFault : INemesisFault
{
    public string Name => "connection resets on the links to Consul";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var duration = TimeSpan.FromSeconds(5 + (random.NextDouble() * 5));
        double start = run.Clock.Now;
        int resets = 0;
        while (run.Clock.Now - start < duration.TotalSeconds)
        {
            run.Cluster.DaemonProxies[random.Next(run.Cluster.DaemonProxies.Count)].ResetConnections();
            resets++;
            await Task.Delay(TimeSpan.FromSeconds(0.3 + (random.NextDouble() * 1.7)));
        }

        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"{resets} resets in {duration.TotalSeconds:0.0} s"), start, run.Clock.Now);
    }
}
