using ConsulAlerts.DevAgent.Raft;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

/// <summary>
/// The checks on Consul itself with the dev agent's simulated servers: a server reported unhealthy is sent once
/// critical and once passing by the leader daemon through the outbox; no cluster leader is sent once critical and once
/// passing by the last leader on its own, and never by the standby.
/// </summary>
public sealed class ConsulServersEndToEndTests
{
    private const string LeaderCheck = "Consul cluster leader";
    private const string ServersCheck = "Consul servers";

    [Fact]
    public async Task ServerUnhealthyThenNoLeader_EachChangeSentOnceByOneDaemon()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 2, DaemonArguments = ["--leader-check-ttl=2s"] });
        var servers = new[] { "s1", "s2", "s3" }.Select((name, i) => new DevServer { Name = name, Address = $"127.0.0.1:830{i}" }).ToList();
        cluster.DevAgent.Servers.Set(servers);
        await cluster.Consul.PutAsync("consul-alerts/config/checks/consul-health/interval", "1s");
        await cluster.Consul.PutAsync("consul-alerts/config/checks/node/_consul/change-threshold", "2");
        await cluster.StartAllAsync();
        int leader = await cluster.WaitForLeaderAsync();
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync("consul-alerts/checks/_consul/_/consul-servers"), "the consul-servers check tracked");

        cluster.DevAgent.Servers.Set([servers[0], servers[1], servers[2] with { Healthy = false }]);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(ServersCheck, "critical") == 1, "consul-servers critical");
        cluster.DevAgent.Servers.Set(servers);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(ServersCheck, "passing") == 1, "consul-servers passing");

        // The delivery recorded as done before Consul goes away: otherwise the next leader sends it again, the
        // documented at-least-once window (a vendor took it, its removal did not commit).
        await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "an empty outbox before the outage");
        cluster.DevAgent.Faults.NoLeader = true;
        cluster.Record("no leader");
        await cluster.WaitUntilAsync(() => cluster.Log.Count(LeaderCheck, "critical") == 1, "consul-leader critical from the last leader");
        cluster.DevAgent.Faults.NoLeader = false;
        cluster.Record("leader back");
        await cluster.WaitUntilAsync(() => cluster.Log.Count(LeaderCheck, "passing") == 1, "consul-leader passing");
        await cluster.WaitForLeaderAsync();
        await cluster.SettleAsync();

        string context = await cluster.DescribeAsync();
        cluster.Log.Statuses(ServersCheck).ShouldBe(["critical", "passing"], context);
        cluster.Log.Statuses(LeaderCheck).ShouldBe(["critical", "passing"], context);
        cluster.Daemons[leader].Process.Output.ShouldContain("as the last leader", Case.Sensitive, context);
        cluster.Daemons[1 - leader].Process.Output.ShouldNotContain("as the last leader", Case.Sensitive, context);
        (await cluster.Consul.GetRawAsync("consul-alerts/checks/_consul/_/consul-servers")).ShouldNotBeNull().ShouldContain("\"Current\":\"passing\"", Case.Sensitive, context);
    }
}
