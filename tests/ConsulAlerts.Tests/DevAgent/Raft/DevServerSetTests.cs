using System.Net;
using System.Text.Json.Nodes;
using ConsulAlerts.DevAgent.Raft;

namespace ConsulAlerts.Tests.DevAgent.Raft;

public sealed class DevServerSetTests
{
    private static readonly DevServer[] ThreeServers =
    [
        new() { Name = "s1", Address = "127.0.0.1:8301" },
        new() { Name = "s2", Address = "127.0.0.1:8302" },
        new() { Name = "s3", Address = "127.0.0.1:8303" },
    ];

    [Fact]
    public async Task Set_ThreeHealthyVoters_ToleratesOneFailure()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Servers.Set(ThreeServers);

        var health = JsonNode.Parse((await agent.GetAsync("/v1/operator/autopilot/health")).Body)!;

        health["Healthy"]!.GetValue<bool>().ShouldBeTrue();
        health["FailureTolerance"]!.GetValue<int>().ShouldBe(1);
        health["Servers"]!.AsArray().Select(s => s!["Leader"]!.GetValue<bool>()).ShouldBe([true, false, false]);
        health["Servers"]![1]!["LastContact"]!.GetValue<string>().ShouldBe("10ms");
    }

    [Fact]
    public async Task Set_OneOfThreeUnhealthy_Answers429WithNoToleranceAndFailedSerfStatus()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Servers.Set([ThreeServers[0], ThreeServers[1], ThreeServers[2] with { Healthy = false }]);

        using var response = await agent.Http.GetAsync(new Uri("/v1/operator/autopilot/health", UriKind.Relative));

        // Consul answers 429 with the JSON body under a sniffed text/plain content type.
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        health["Healthy"]!.GetValue<bool>().ShouldBeFalse();
        health["FailureTolerance"]!.GetValue<int>().ShouldBe(0);
        health["Servers"]![2]!["SerfStatus"]!.GetValue<string>().ShouldBe("failed");
        health["Servers"]![2]!["Healthy"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData(5, 0, 0, 2)]
    [InlineData(5, 2, 0, 0)]
    [InlineData(3, 0, 2, 1)]
    [InlineData(2, 0, 0, 0)]
    [InlineData(4, 1, 0, 0)]
    public void Assess_VotersAndFailures_ToleranceIsHealthyVotersMinusQuorum(int voters, int unhealthy, int nonVoters, int tolerance)
    {
        var servers = Enumerable.Range(0, voters + nonVoters)
            .Select(i => new DevServer { Name = $"s{i}", Address = $"127.0.0.1:{8300 + i}", Healthy = i >= unhealthy, Voter = i < voters })
            .ToList();

        OperatorEndpoints.Assess(servers).FailureTolerance.ShouldBe(tolerance);
    }

    [Fact]
    public async Task Set_Servers_PeersAndRaftConfigurationListThem()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Servers.Set([ThreeServers[0] with { ID = "11111111-2222-3333-4444-555555555555" }, ThreeServers[1] with { Voter = false }]);

        (await agent.GetAsync("/v1/status/peers")).Body.ShouldBe("""["127.0.0.1:8301","127.0.0.1:8302"]""");
        (await agent.GetAsync("/v1/status/leader")).Body.ShouldBe("\"127.0.0.1:8301\"");
        var raft = JsonNode.Parse((await agent.GetAsync("/v1/operator/raft/configuration")).Body)!;
        raft["Servers"]![0]!["ID"]!.GetValue<string>().ShouldBe("11111111-2222-3333-4444-555555555555");
        raft["Servers"]![1]!["Voter"]!.GetValue<bool>().ShouldBeFalse();
        raft["Servers"]![1]!["Node"]!.GetValue<string>().ShouldBe("s2");
    }

    [Fact]
    public async Task NoLeader_OperatorEndpoints_Answer500UnlessRaftConfigurationIsReadStale()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.NoLeader = true;

        var health = await agent.GetAsync("/v1/operator/autopilot/health");
        var staleHealth = await agent.GetAsync("/v1/operator/autopilot/health?stale");
        var raft = await agent.GetAsync("/v1/operator/raft/configuration");
        var staleRaft = await agent.GetAsync("/v1/operator/raft/configuration?stale");

        (health.Status, health.Body).ShouldBe((HttpStatusCode.InternalServerError, "No cluster leader"));
        (staleHealth.Status, staleHealth.Body).ShouldBe((HttpStatusCode.InternalServerError, "No cluster leader"));
        (raft.Status, raft.Body).ShouldBe((HttpStatusCode.InternalServerError, "No cluster leader"));
        staleRaft.Status.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(staleRaft.Body)!["Servers"]![0]!["Leader"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task AclDenied_OperatorEndpoints_Answer403()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.AclDenied = true;

        var reply = await agent.GetAsync("/v1/operator/autopilot/health");

        (reply.Status, reply.Body).ShouldBe((HttpStatusCode.Forbidden, "Permission denied"));
    }

    [Fact]
    public async Task DevServersHook_PutThenGetThenDelete_ReplacesReadsAndRestoresTheSet()
    {
        await using var agent = await TestAgent.StartAsync();

        var put = await agent.PutAsync("/_dev/servers", """[{"Name":"a","Address":"127.0.0.1:1"},{"Name":"b","Address":"127.0.0.1:2","Healthy":false}]""");
        var got = JsonNode.Parse((await agent.GetAsync("/_dev/servers")).Body)!.AsArray();
        var deleted = await agent.SendAsync(HttpMethod.Delete, "/_dev/servers");

        put.Status.ShouldBe(HttpStatusCode.OK);
        got.Select(s => s!["Name"]!.GetValue<string>()).ShouldBe(["a", "b"]);
        got[1]!["Healthy"]!.GetValue<bool>().ShouldBeFalse();
        got[0]!["Voter"]!.GetValue<bool>().ShouldBeTrue();
        Guid.TryParse(got[0]!["ID"]!.GetValue<string>(), out _).ShouldBeTrue();
        deleted.Status.ShouldBe(HttpStatusCode.OK);
        agent.Server.Servers.Current.Single().Name.ShouldBe(agent.Server.Options.NodeName);
        agent.Server.Servers.Current.Single().Address.ShouldBe("127.0.0.1:8300");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"Name":"a"}]""")]
    [InlineData("""[{"Name":"a","Address":"x:1"},{"Name":"a","Address":"x:2"}]""")]
    [InlineData("""[{"Name":"a","Address":"x:1","Typo":1}]""")]
    public async Task DevServersHook_InvalidSet_Answers400AndKeepsTheSet(string body)
    {
        await using var agent = await TestAgent.StartAsync();

        var reply = await agent.PutAsync("/_dev/servers", body);

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        agent.Server.Servers.Current.Count.ShouldBe(1);
    }

    [Fact]
    public void Set_SameNameTwice_KeepsTheDerivedId()
    {
        var first = DevServerSetIds(ThreeServers);
        var second = DevServerSetIds(ThreeServers);

        first.ShouldBe(second);
        first.Distinct().Count().ShouldBe(3);
    }

    private static List<string> DevServerSetIds(IReadOnlyList<DevServer> servers)
    {
        var set = new DevServerSet(new DevServer { Name = "self", Address = "127.0.0.1:8300" }, TimeProvider.System, () => 1);
        set.Set(servers);
        return [.. set.Current.Select(s => s.ID!)];
    }
}
