using System.Diagnostics;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Two real daemons against an agent (see the subclasses: the dev agent and a real one): the leader killed while a
/// change is under way, and the leader stopped cleanly; either way the change is notified exactly once.
/// </summary>
public abstract class LeaderHandoverScenarios(ConsulKind kind, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task LeaderKilled_RightAfterCheckFails_ChangeNotifiedOnceWithin30Seconds()
    {
        var watch = Stopwatch.StartNew();
        // Default TTL (10 s), lock-delay (5 s) and Consul's 2×TTL grace: the slowest failover the defaults allow.
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Consul = kind, Daemons = 2, ChangeThresholdSeconds = 2 });
        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        int leader = await cluster.WaitForLeaderAsync();

        await cluster.SetCheckAsync("web-ttl", "fail");
        await Task.Delay(500); // the change is under way: seen, but not yet held for the 2 s threshold
        await cluster.KillAsync(leader);
        var sinceKill = Stopwatch.StartNew();
        int notifiedBeforeKill = cluster.Notified("web-ttl", "critical");

        await cluster.WaitUntilAsync(() => cluster.Notified("web-ttl", "critical") > 0, "the critical notification after the kill", TimeSpan.FromSeconds(45));
        var notifiedAfter = sinceKill.Elapsed;
        int newLeader = await cluster.WaitForLeaderAsync();
        await cluster.SettleAsync(); // a duplicate would have come by now

        string context = await ContextAsync(cluster);
        notifiedBeforeKill.ShouldBe(0, "the killed leader must not have notified yet, or this tests nothing\n" + context);
        notifiedAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30), context);
        newLeader.ShouldNotBe(leader, context);
        cluster.Notified("web-ttl", "critical").ShouldBe(1, context);
        Report(cluster, watch, $"notified {notifiedAfter.TotalSeconds:0.0} s after the kill by the new leader {newLeader}");
    }

    [SkippableFact]
    public async Task LeaderTerminated_ChangeRightAfter_StandbyTakesOverAtOnceAndNotifiesWithin5Seconds()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Consul = kind, Daemons = 2, ChangeThresholdSeconds = 1 });
        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        int leader = await cluster.WaitForLeaderAsync();

        var sinceSignal = Stopwatch.StartNew();
        var terminated = cluster.TerminateAsync(leader);
        await cluster.SetCheckAsync("web-ttl", "fail");
        var sinceChange = Stopwatch.StartNew();
        int newLeader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), "the standby to take over");
        var takeover = sinceSignal.Elapsed;
        await cluster.WaitUntilAsync(() => cluster.Notified("web-ttl", "critical") > 0, "the critical notification", TimeSpan.FromSeconds(30));
        var notifiedAfter = sinceChange.Elapsed;
        int exitCode = await terminated;
        await cluster.SettleAsync(); // a duplicate would have come by now

        string context = await ContextAsync(cluster);
        newLeader.ShouldNotBe(leader, context);
        // Below the 5 s lock-delay: a released lock is free at once, an invalidated session's is not.
        takeover.ShouldBeLessThan(TimeSpan.FromSeconds(4), "the leader must release the lock on SIGTERM\n" + context);
        notifiedAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5), context);
        cluster.Notified("web-ttl", "critical").ShouldBe(1, context);
        exitCode.ShouldBe(0, context);
        Report(cluster, watch, $"takeover {takeover.TotalSeconds:0.0} s after SIGTERM, notified {notifiedAfter.TotalSeconds:0.0} s after the change");
    }

    private static Task<string> ContextAsync(ClusterHarness cluster) => cluster.DescribeAsync();

    private void Report(ClusterHarness cluster, Stopwatch watch, string what)
    {
        output.WriteLine($"{what}; test took {watch.Elapsed.TotalSeconds:0} s");
        output.WriteLine(cluster.Timeline());
    }
}
