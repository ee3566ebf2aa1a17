using System.Text.Json;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The checks on Consul itself with two daemons on one agent (see the subclasses: the dev agent and a real server):
/// the agent gone for longer than <c>checks/consul-health/unreachable-after</c> is sent once critical and once passing,
/// straight from the last leader to its notifiers, and never by the standby. The thresholds are scaled down from the
/// defaults (5 s instead of 60 s, an outage of 20 s instead of 90 s); the logic is the same.
/// </summary>
public abstract class ConsulHealthScenarios(ConsulKind kind)
{
    private const string AgentCheckName = "Consul agent of consul-alerts";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task AgentStopped_LongerThanUnreachableAfter_LastLeaderSendsOneCriticalAndOnePassingStandbyNone()
    {
        var options = new ClusterOptions { Daemons = 2, Consul = kind, DaemonArguments = ["--leader-check-ttl=2s"] };
        await using var cluster = kind == ConsulKind.DevAgent
            ? await ClusterHarness.CreateAsync(options)
            : await ClusterHarness.CreateAsync(options, await StartServerAsync());
        await using var receiver = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        await cluster.Consul.PutAsync("consul-alerts/config/checks/consul-health/interval", "1s");
        await cluster.Consul.PutAsync("consul-alerts/config/checks/consul-health/unreachable-after", "5s");
        await cluster.StartAllAsync();
        int leader = await cluster.WaitForLeaderAsync();
        int standby = 1 - leader;
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync("consul-alerts/checks/_consul/_/consul-agent"), "the consul-agent check tracked");
        await cluster.WaitUntilAsync(async () => await cluster.StatusAsync(standby) is { } status && status.Json.Contains("\"lastLeader\": false", StringComparison.Ordinal), "the standby seeing the leader");

        await StopAgentAsync(cluster);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(AgentCheckName, "critical") == 1, "consul-agent critical from the last leader", Outage);
        await Task.Delay(Outage - TimeSpan.FromSeconds(5)); // the outage goes on: nothing more may be sent
        await StartAgentAsync(cluster);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(AgentCheckName, "passing") == 1, "consul-agent passing once the agent is back");
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync("consul-alerts/consul-health/outages/consul-agent"), "the outage recorded in KV");
        await cluster.WaitForLeaderAsync();
        await cluster.SettleAsync();

        string context = await cluster.DescribeAsync();
        cluster.Log.Statuses(AgentCheckName).ShouldBe(["critical", "passing"], context);
        receiver.Accepted("consul-agent", "critical").ShouldBe(1, context);
        receiver.Accepted("consul-agent", "passing").ShouldBe(1, context);
        cluster.Log.Lines().ShouldAllBe(line => line.Contains(AgentCheckName, StringComparison.Ordinal), context);
        cluster.Daemons[leader].Process.Output.ShouldContain("as the last leader", Case.Sensitive, context);
        cluster.Daemons[standby].Process.Output.ShouldNotContain("as the last leader", Case.Sensitive, context);
        using var record = JsonDocument.Parse(await cluster.Consul.GetRawAsync("consul-alerts/consul-health/outages/consul-agent") ?? "{}");
        record.RootElement.GetProperty("Daemon").GetString().ShouldEndWith($":{cluster.Daemons[leader].AlertPort})", Case.Sensitive, context);
        cluster.Daemons.ShouldAllBe(d => d.IsRunning, context);
    }

    private static async Task<ConsulUnderTest> StartServerAsync()
    {
        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);

        // A server with a data directory, unlike dev mode: stopped and started again it keeps the configuration.
        return new RealConsulUnderTest(await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Dev = false }));
    }

    private async Task StopAgentAsync(ClusterHarness cluster)
    {
        if (kind == ConsulKind.DevAgent)
        {
            cluster.DevAgent.Faults.DropConnections = true;
        }
        else
        {
            await ((RealConsulUnderTest)cluster.Agent).Agent.StopAsync();
        }

        cluster.Record("agent stopped");
    }

    private async Task StartAgentAsync(ClusterHarness cluster)
    {
        if (kind == ConsulKind.DevAgent)
        {
            cluster.DevAgent.Faults.DropConnections = false;
        }
        else
        {
            var agent = ((RealConsulUnderTest)cluster.Agent).Agent;
            await agent.StartAgainAsync();
            await agent.WaitForLeaderAsync();
        }

        cluster.Record("agent started");
    }
}
