using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// The agent killed and started again in dev mode, so every piece of data (checks, configuration, sessions, the
/// daemons' state and outbox) is lost and every index starts over. The daemons' links refuse connections for 12–20 s
/// around it (Consul is down for them), while the checks and the configuration are written again.
/// </summary>
internal sealed class RestartConsulFault : INemesisFault
{
    public string Name => "kill -9 and restart Consul";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var downFor = TimeSpan.FromSeconds(12 + (random.NextDouble() * 8));
        double start = run.Clock.Now;
        foreach (var proxy in run.Cluster.DaemonProxies)
        {
            proxy.Refusing = true;
            proxy.ResetConnections();
        }

        await run.Cluster.Agent.KillAndRestartAsync();
        run.Cluster.Record("Consul restarted: its data is gone");
        await run.WriteConfigAsync();
        await run.Flapper.RegisterAgainAsync();
        await run.DelayUntilAsync(start + NemesisRun.LoadWarmUp.TotalSeconds);
        var load = run.MeasureLoad();
        await run.DelayUntilAsync(start + downFor.TotalSeconds);
        var measured = load();
        foreach (var proxy in run.Cluster.DaemonProxies)
        {
            proxy.Refusing = false;
        }

        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"down {downFor.TotalSeconds:0.0} s"), start, run.Clock.Now)
        {
            Blinds = true,
            ConsulOutage = true,
            EndsEveryTerm = true,
            LostData = true,
            Load = measured,
        };
    }
}
