using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary><c>kill -9</c> of a daemon (the leader three times in four), started again 1–5 s later.</summary>
internal sealed class KillDaemonFault : INemesisFault
{
    public string Name => "kill -9 daemon";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var holder = await run.LockHolderAsync();
        bool leader = holder is not null && random.NextDouble() < 0.75;
        int victim = leader ? holder!.Value.Daemon : random.Next(run.Cluster.Daemons.Count);
        var downFor = TimeSpan.FromSeconds(1 + (random.NextDouble() * 4));
        int pid = run.Cluster.Daemons[victim].Process.Id;
        bool wasLeader = holder?.Daemon == victim;

        double start = run.Clock.Now;
        await run.Cluster.KillAsync(victim);
        await Task.Delay(downFor);
        await run.Cluster.StartAsync(victim);
        double healed = run.Clock.Now;
        double? takeover = wasLeader ? await run.WaitForTakeoverAsync(holder!.Value.Session, start) : null;
        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"daemon {victim}{(wasLeader ? " (leader)" : "")} pid {pid}, down {downFor.TotalSeconds:0.0} s"), start, healed)
        {
            Blinds = wasLeader,
            VictimPid = pid,
            Takeover = takeover,
        };
    }
}
