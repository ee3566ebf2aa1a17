using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Operator;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class ClusterCheckEvaluatorTests
{
    private const string Agent = "http://127.0.0.1:8500/";
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClusterHealthConfig On = new();

    [Fact]
    public void Evaluate_HealthyThreeServers_FourPassingChecksOnTheConsulNode()
    {
        var checks = new ClusterCheckEvaluator().Evaluate(Healthy(T0, Servers(3)), On, Agent);

        checks.Select(c => c.CheckId).ShouldBe(["consul-leader", "consul-servers", "consul-peers", "consul-agent"]);
        checks.ShouldAllBe(c => c.Node == "_consul" && c.Status == CheckStatus.Passing && c.ServiceId == "");
        checks[0].Output.ShouldBe("Consul has a leader: s1 (127.0.0.1:8301)");
        checks[1].Output.ShouldBe("3 of 3 servers healthy, failure tolerance 1");
        checks[2].Output.ShouldBe("3 servers: s1 (127.0.0.1:8301), s2 (127.0.0.1:8302), s3 (127.0.0.1:8303)");
        checks[3].Output.ShouldBe("Consul agent http://127.0.0.1:8500/ answers");
    }

    [Theory]
    [InlineData(3, 1, "", CheckStatus.Passing)]
    [InlineData(1, 0, "", CheckStatus.Passing)] // a single server has no tolerance to lose
    [InlineData(2, 0, "", CheckStatus.Warning)] // two voters: one more failure loses the quorum
    [InlineData(3, 0, "s3", CheckStatus.Critical)]
    [InlineData(5, 1, "s4,s5", CheckStatus.Critical)]
    public void Evaluate_Servers_StatusFromAutopilot(int servers, int tolerance, string unhealthy, string expected)
    {
        var sick = unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var health = Servers(servers, tolerance, sick);

        var check = new ClusterCheckEvaluator().Evaluate(Healthy(T0, health), On, Agent).Single(c => c.CheckId == "consul-servers");

        check.Status.ShouldBe(expected);
        foreach (var name in sick)
        {
            check.Output.ShouldContain($"{name} (");
        }
    }

    [Fact]
    public void Evaluate_ToleranceDropsBelowTheBestSeen_WarningThenPassingWhenBack()
    {
        var evaluator = new ClusterCheckEvaluator();
        evaluator.Evaluate(Healthy(T0, Servers(5, 2)), On, Agent);

        var dropped = evaluator.Evaluate(Healthy(T0.AddSeconds(10), Servers(5, 1)), On, Agent).Single(c => c.CheckId == "consul-servers");
        var back = evaluator.Evaluate(Healthy(T0.AddSeconds(20), Servers(5, 2)), On, Agent).Single(c => c.CheckId == "consul-servers");

        dropped.Status.ShouldBe(CheckStatus.Warning);
        dropped.Output.ShouldStartWith("Failure tolerance dropped from 2");
        back.Status.ShouldBe(CheckStatus.Passing);
    }

    [Fact]
    public void Evaluate_NoLeader_LeaderCriticalAndServersKeepTheirLastStatus()
    {
        var evaluator = new ClusterCheckEvaluator();
        var before = evaluator.Evaluate(Healthy(T0, Servers(3)), On, Agent);

        var after = evaluator.Evaluate(new ClusterObservation(T0.AddSeconds(10), null, false, "Consul GET /v1/operator/autopilot/health failed: 500 No cluster leader", null, false), On, Agent);

        var leader = after.Single(c => c.CheckId == "consul-leader");
        leader.Status.ShouldBe(CheckStatus.Critical);
        leader.Output.ShouldContain("No cluster leader");
        leader.ModifyIndex.ShouldNotBe(before[0].ModifyIndex);
        after.Single(c => c.CheckId == "consul-servers").ShouldBeSameAs(before[1]);
        after.Single(c => c.CheckId == "consul-peers").ShouldBeSameAs(before[2]);
    }

    [Fact]
    public void Evaluate_AgentUnreachable_AgentCriticalAndTheRestAsLastKnown()
    {
        var evaluator = new ClusterCheckEvaluator();
        var before = evaluator.Evaluate(Healthy(T0, Servers(3)), On, Agent);

        var after = evaluator.Evaluate(new ClusterObservation(T0.AddSeconds(10), "Consul GET /v1/operator/autopilot/health failed: Connection refused", null, null, null, false), On, Agent);

        after.Select(c => c.Status).ShouldBe([CheckStatus.Passing, CheckStatus.Passing, CheckStatus.Passing, CheckStatus.Critical]);
        after[3].Output.ShouldBe("Consul agent http://127.0.0.1:8500/ unreachable: Consul GET /v1/operator/autopilot/health failed: Connection refused");
        after.Take(3).ShouldBe(before.Take(3));
    }

    [Fact]
    public void Evaluate_FirstRoundCannotTell_UnknownChecksLeftOut()
    {
        var checks = new ClusterCheckEvaluator().Evaluate(new ClusterObservation(T0, "refused", null, null, null, false), On, Agent);

        checks.ShouldHaveSingleItem().CheckId.ShouldBe("consul-agent");
    }

    [Fact]
    public void Evaluate_OutputChangesStatusHolds_ModifyIndexKept()
    {
        var evaluator = new ClusterCheckEvaluator();
        var first = evaluator.Evaluate(Healthy(T0, Servers(3)), On, Agent).Single(c => c.CheckId == "consul-leader");
        var moved = Servers(3) with { Servers = [.. Servers(3).Servers.Select(s => s with { Leader = s.Name == "s2" })] };

        var second = evaluator.Evaluate(Healthy(T0.AddSeconds(10), moved), On, Agent).Single(c => c.CheckId == "consul-leader");

        second.Output.ShouldContain("s2");
        second.ModifyIndex.ShouldBe(first.ModifyIndex);
    }

    [Fact]
    public void Evaluate_UnchangedRound_SameInstances()
    {
        var evaluator = new ClusterCheckEvaluator();
        var first = evaluator.Evaluate(Healthy(T0, Servers(3)), On, Agent);

        var second = evaluator.Evaluate(Healthy(T0.AddSeconds(10), Servers(3)), On, Agent);

        second.Zip(first).ShouldAllBe(pair => ReferenceEquals(pair.First, pair.Second));
    }

    [Fact]
    public void Evaluate_ServerRemoved_PeersWarningForTheHoldThenPassing()
    {
        var config = new ClusterHealthConfig { PeersHold = TimeSpan.FromMinutes(10) };
        var evaluator = new ClusterCheckEvaluator();
        evaluator.Evaluate(Healthy(T0, Servers(3)), config, Agent);

        var changed = Peers(evaluator.Evaluate(Healthy(T0.AddSeconds(10), Servers(2)), config, Agent));
        var held = Peers(evaluator.Evaluate(Healthy(T0.AddMinutes(9), Servers(2)), config, Agent));
        var over = Peers(evaluator.Evaluate(Healthy(T0.AddMinutes(11), Servers(2)), config, Agent));

        changed.Status.ShouldBe(CheckStatus.Warning);
        changed.Output.ShouldBe("Raft configuration changed: removed s3 (127.0.0.1:8303); now 2 servers: s1 (127.0.0.1:8301), s2 (127.0.0.1:8302)");
        held.ShouldBeSameAs(changed);
        over.Status.ShouldBe(CheckStatus.Passing);
        over.Output.ShouldBe("2 servers: s1 (127.0.0.1:8301), s2 (127.0.0.1:8302)");
    }

    [Fact]
    public void Evaluate_ServerAdded_PeersWarningNamesIt()
    {
        var evaluator = new ClusterCheckEvaluator();
        evaluator.Evaluate(Healthy(T0, Servers(3)), On, Agent);

        var added = Peers(evaluator.Evaluate(Healthy(T0.AddSeconds(10), Servers(4)), On, Agent));

        added.Status.ShouldBe(CheckStatus.Warning);
        added.Output.ShouldStartWith("Raft configuration changed: added s4 (127.0.0.1:8304); now 4 servers");
    }

    [Fact]
    public void Evaluate_OperatorDenied_ServerAndPeerChecksLeftOut()
    {
        var checks = new ClusterCheckEvaluator().Evaluate(new ClusterObservation(T0, null, true, null, null, OperatorDenied: true), On, Agent);

        checks.Select(c => c.CheckId).ShouldBe(["consul-leader", "consul-agent"]);
    }

    [Fact]
    public void Evaluate_CheckSwitchedOffOrAllOff_LeftOut()
    {
        var evaluator = new ClusterCheckEvaluator();
        var noPeers = new ClusterHealthConfig { Disabled = new HashSet<string> { "consul-peers" } };

        evaluator.Evaluate(Healthy(T0, Servers(3)), noPeers, Agent).Select(c => c.CheckId).ShouldBe(["consul-leader", "consul-servers", "consul-agent"]);
        evaluator.Evaluate(Healthy(T0, Servers(3)), new ClusterHealthConfig { Enabled = false }, Agent).ShouldBeEmpty();
    }

    private static CheckInfo Peers(IReadOnlyList<CheckInfo> checks) => checks.Single(c => c.CheckId == "consul-peers");

    private static ClusterObservation Healthy(DateTimeOffset at, AutopilotHealth health) => new(at, null, true, null, health, false);

    private static AutopilotHealth Servers(int count, int? tolerance = null, string[]? unhealthy = null)
    {
        unhealthy ??= [];
        var servers = Enumerable.Range(1, count).Select(i => new AutopilotServer
        {
            ID = $"id-{i}",
            Name = $"s{i}",
            Address = $"127.0.0.1:830{i}",
            SerfStatus = unhealthy.Contains($"s{i}") ? "failed" : "alive",
            Leader = i == 1,
            Voter = true,
            Healthy = !unhealthy.Contains($"s{i}"),
        }).ToList();
        return new AutopilotHealth
        {
            Healthy = unhealthy.Length == 0,
            FailureTolerance = tolerance ?? ((count - 1) / 2),
            Servers = servers,
        };
    }
}
