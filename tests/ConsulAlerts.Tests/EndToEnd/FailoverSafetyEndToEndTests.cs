using System.Diagnostics;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Several real daemons against one dev agent: one leader at a time, and a Consul outage that every daemon survives
/// and after which only new changes are notified, once. Nothing here is measured in seconds, so these run beside the
/// other tests rather than in the serial <see cref="FailoverTestGroup"/>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FailoverSafetyEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThreeDaemons_Running_ExactlyOneLeadsAndHoldsTheLock()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 3 });

        await cluster.StartAllAsync();
        int leader = await cluster.WaitForLeaderAsync();
        string? session = await cluster.LockSessionAsync();

        // Long enough to span a renewal (TTL/2 = 5 s): renewing must not disturb the lock or the roles.
        var sampling = Stopwatch.StartNew();
        var samples = new List<string>();
        while (sampling.Elapsed < TimeSpan.FromSeconds(7))
        {
            int[] leaders = await cluster.ReportedLeadersAsync();
            string? lockSession = await cluster.LockSessionAsync();
            samples.Add($"{sampling.Elapsed.TotalSeconds:0.0}s leaders [{string.Join(", ", leaders)}], lock {lockSession}");
            if (leaders.Length != 1 || leaders[0] != leader || lockSession != session)
            {
                break;
            }

            await Task.Delay(250);
        }

        int? agreed = await cluster.AgreedLeaderAsync();
        string context = await cluster.DescribeAsync(samples);
        samples.ShouldAllBe(s => s.Contains($"leaders [{leader}], lock {session}"), context);
        agreed.ShouldBe(leader, context);
        cluster.Report(output, watch, $"daemon {leader} led throughout with session {session}");
    }

    [Fact]
    public async Task ConsulOutage_NoLeaderThenRefused_DaemonsSurviveAndNotifyOnlyNewChangesOnce()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 2, ChangeThresholdSeconds = 1, ThroughProxy = true });
        var proxy = cluster.Proxy.ShouldNotBeNull();
        await cluster.Consul.PutAsync("consul-alerts/config/checks/consul-health/interval", "1s");
        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        await cluster.AddTtlCheckAsync("db", "db-ttl");
        await cluster.SetCheckAsync("web-ttl", "fail");
        await cluster.WaitUntilAsync(() => cluster.Notified("web-ttl", "critical") > 0, "the critical notification before the outage");
        await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "the delivery done and removed before Consul goes away");

        cluster.DevAgent.Faults.NoLeader = true;
        cluster.Record("outage: 500 No cluster leader");
        await StayUpAsync(cluster, TimeSpan.FromSeconds(15));
        cluster.DevAgent.Faults.NoLeader = false;
        proxy.Stop();
        cluster.Record("outage: connection refused");
        await StayUpAsync(cluster, TimeSpan.FromSeconds(15));
        proxy.Start();
        cluster.Record("Consul back");
        var sinceRecovery = Stopwatch.StartNew();

        int leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(40), "one leader again after the outage");
        var recovered = sinceRecovery.Elapsed;
        await cluster.SetCheckAsync("db-ttl", "fail");
        await cluster.WaitUntilAsync(() => cluster.Notified("db-ttl", "critical") > 0, "the critical notification after the outage", TimeSpan.FromSeconds(20));
        await cluster.SettleAsync(); // duplicates and re-sent old notifications would have come by now

        string context = await cluster.DescribeAsync();
        cluster.Daemons.ShouldAllBe(d => d.IsRunning, context);
        cluster.Notified("db-ttl", "critical").ShouldBe(1, context);
        cluster.Notified("web-ttl", "critical").ShouldBe(1, "a notification from before the outage was sent again\n" + context);
        // Consul's own health: the leaderless 15 s are sent once by the last leader, and once passing when Consul is
        // back; the agent was not gone for checks/consul-health/unreachable-after (60 s), and nothing stale from the
        // outage reaches the next term's engine.
        cluster.Log.Statuses("Consul cluster leader").ShouldBe(["critical", "passing"], context);
        cluster.Log.Lines().Count(l => !l.Contains("Node=_consul,", StringComparison.Ordinal)).ShouldBe(2, context);
        cluster.Log.Lines().Length.ShouldBe(4, context);
        cluster.Report(output, watch, $"daemon {leader} leads {recovered.TotalSeconds:0.0} s after Consul came back");
    }

    /// <summary>Waits while Consul is away, failing at once if a daemon exits.</summary>
    private static async Task StayUpAsync(ClusterHarness cluster, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            if (cluster.BrokenReason() is { } reason)
            {
                throw new InvalidOperationException($"{reason} during the Consul outage\n{await cluster.DescribeAsync()}");
            }

            await Task.Delay(250);
        }
    }
}
