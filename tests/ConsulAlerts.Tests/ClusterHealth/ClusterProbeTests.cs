using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class ClusterProbeTests : IAsyncLifetime
{
    private const string LockKey = "consul-alerts/leader";
    private DevAgentClient _consul = null!;

    public async Task InitializeAsync() => _consul = await DevAgentClient.StartAsync();

    public async Task DisposeAsync() => await _consul.DisposeAsync();

    [Fact]
    public async Task Probe_HealthyCluster_LeaderAndAutopilotFromOneRequest()
    {
        _consul.Agent.Servers.Set([Server("s1"), Server("s2"), Server("s3")]);
        long before = _consul.Agent.Requests.Count("GET", "/v1/");

        var observation = await Probe(new ClusterHealthConfig());

        observation.AgentReachable.ShouldBeTrue();
        observation.HasLeader.ShouldBe(true);
        observation.Autopilot.ShouldNotBeNull().FailureTolerance.ShouldBe(1);
        observation.Autopilot.Servers.Select(s => s.Name).ShouldBe(["s1", "s2", "s3"]);
        (_consul.Agent.Requests.Count("GET", "/v1/") - before).ShouldBe(1);
    }

    [Fact]
    public async Task Probe_ServerUnhealthy_429ReadAsTheHealth()
    {
        _consul.Agent.Servers.Set([Server("s1"), Server("s2"), Server("s3") with { Healthy = false }]);

        var observation = await Probe(new ClusterHealthConfig());

        observation.Autopilot.ShouldNotBeNull().Healthy.ShouldBeFalse();
        observation.Autopilot.Servers.Single(s => s.Name == "s3").Healthy.ShouldBeFalse();
        observation.HasLeader.ShouldBe(true);
    }

    [Fact]
    public async Task Probe_NoLeader_HasLeaderFalseWithConsulsAnswer()
    {
        _consul.Agent.Faults.NoLeader = true;

        var observation = await Probe(new ClusterHealthConfig());

        observation.HasLeader.ShouldBe(false);
        observation.LeaderError.ShouldNotBeNull().ShouldContain("No cluster leader");
        observation.AgentReachable.ShouldBeTrue();
    }

    [Fact]
    public async Task Probe_AgentDropsConnections_UnreachableDatedFromTheRoundsStart()
    {
        _consul.Agent.Faults.DropConnections = true;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

        var observation = await new ClusterProbe(_consul.Client, LockKey, time).ProbeAsync(new ClusterHealthConfig(), default);

        observation.AgentReachable.ShouldBeFalse();
        observation.HasLeader.ShouldBeNull();
        observation.At.ShouldBe(time.GetUtcNow());
    }

    [Fact]
    public async Task Probe_ServersAndPeersOff_ConsistentReadOfTheLockKeyInstead()
    {
        var config = new ClusterHealthConfig { Disabled = new HashSet<string> { ClusterHealthConfig.ServersCheck, ClusterHealthConfig.PeersCheck } };

        var observation = await Probe(config);

        observation.HasLeader.ShouldBe(true);
        observation.Autopilot.ShouldBeNull();
        _consul.Agent.Requests.Count("GET", "/v1/operator/").ShouldBe(0);
        _consul.Agent.Requests.Count("GET", "/v1/kv/" + LockKey).ShouldBe(1);
    }

    [Fact]
    public async Task Probe_OnlyTheAgentWatched_StatusLeaderAsAPing()
    {
        var config = new ClusterHealthConfig { Disabled = new HashSet<string> { ClusterHealthConfig.ServersCheck, ClusterHealthConfig.PeersCheck, ClusterHealthConfig.LeaderCheck } };

        var observation = await Probe(config);

        observation.AgentReachable.ShouldBeTrue();
        observation.HasLeader.ShouldBeNull();
        _consul.Agent.Requests.Count("GET", "/v1/status/leader").ShouldBe(1);
    }

    [Fact]
    public async Task Probe_TokenRefused_OperatorDeniedAndLeaderUnknown()
    {
        // The dev agent refuses every endpoint alike; a real token without operator:read still reads the lock key.
        _consul.Agent.Faults.AclDenied = true;

        var observation = await Probe(new ClusterHealthConfig());

        observation.OperatorDenied.ShouldBeTrue();
        observation.AgentReachable.ShouldBeTrue();
        observation.HasLeader.ShouldBeNull();
        observation.Autopilot.ShouldBeNull();
    }

    private Task<ClusterObservation> Probe(ClusterHealthConfig config) =>
        new ClusterProbe(_consul.Client, LockKey, TimeProvider.System).ProbeAsync(config, default);

    private static DevServer Server(string name) => new() { Name = name, Address = $"127.0.0.1:83{name[1..]}0" };
}
