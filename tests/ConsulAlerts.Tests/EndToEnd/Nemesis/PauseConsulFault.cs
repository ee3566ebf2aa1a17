using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// The agent paused for 30–60 s: SIGSTOP of a real agent's process; the dev agent runs inside the tests, so its links
/// stall instead (every byte held, connections accepted and never answered), which the daemons cannot tell apart.
/// </summary>
internal sealed class PauseConsulFault : INemesisFault
{
    public string Name => "SIGSTOP Consul";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var pauseFor = TimeSpan.FromSeconds(30 + (random.NextDouble() * 30));
        var agent = run.Cluster.Agent;
        double start = run.Clock.Now;
        if (agent.CanPause)
        {
            await agent.PauseAsync();
        }
        else
        {
            foreach (var proxy in run.Cluster.DaemonProxies)
            {
                proxy.Stall();
            }
        }

        await run.DelayUntilAsync(start + NemesisRun.LoadWarmUp.TotalSeconds);
        var load = run.MeasureLoad();
        await run.DelayUntilAsync(start + pauseFor.TotalSeconds);
        var measured = load();
        if (agent.CanPause)
        {
            await agent.ResumeAsync();
        }
        else
        {
            foreach (var proxy in run.Cluster.DaemonProxies)
            {
                proxy.Flow();
            }
        }

        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"{(agent.CanPause ? "agent process" : "agent links")} for {pauseFor.TotalSeconds:0.0} s"), start, run.Clock.Now)
        {
            Blinds = true,
            ConsulOutage = true,
            EndsEveryTerm = true,
            Load = measured,
        };
    }
}
