using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>SIGSTOP of the leader for longer than its session TTL (TTL + 2–10 s), then SIGCONT: it must send nothing stale.</summary>
internal sealed class PauseLeaderFault : INemesisFault
{
    public string Name => "SIGSTOP leader";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var pauseFor = NemesisRun.SessionTtl + TimeSpan.FromSeconds(2 + (random.NextDouble() * 8));
        var holder = await run.LockHolderAsync();
        if (holder is not { } leader)
        {
            return new FaultRecord(round, Name, "skipped: no leader to pause", run.Clock.Now, run.Clock.Now);
        }

        int pid = run.Cluster.Daemons[leader.Daemon].Process.Id;
        double start = run.Clock.Now;
        await run.StopAsync(pid);
        run.Cluster.Record($"SIGSTOP to daemon {leader.Daemon}");
        var resumeAt = start + pauseFor.TotalSeconds;
        double? takeover = null;
        while (run.Clock.Now < resumeAt)
        {
            if (takeover is null && await run.LockHolderAsync() is { } other && other.Session != leader.Session)
            {
                takeover = run.Clock.Now - start;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        await run.ContinueAsync(pid);
        run.Cluster.Record($"SIGCONT to daemon {leader.Daemon}");
        double healed = run.Clock.Now;
        // Consul may keep a session up to twice its TTL: the paused leader may still hold the lock when it wakes.
        takeover ??= await run.LockHolderAsync() is { } after && after.Session != leader.Session ? run.Clock.Now - start : null;
        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"daemon {leader.Daemon} pid {pid} for {pauseFor.TotalSeconds:0.0} s"), start, healed)
        {
            Blinds = true,
            VictimPid = pid,
            Takeover = takeover,
        };
    }
}
