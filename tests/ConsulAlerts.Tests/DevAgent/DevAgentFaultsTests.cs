using System.Diagnostics;
using System.Net;

namespace ConsulAlerts.Tests.DevAgent;

public sealed class DevAgentFaultsTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NoLeader_ServerEndpoint_Answers500NoClusterLeader()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.NoLeader = true;

        var reply = await agent.GetAsync("/v1/kv/foo");

        reply.Status.ShouldBe(HttpStatusCode.InternalServerError);
        reply.Body.ShouldBe("No cluster leader");
        (await agent.PutAsync("/v1/kv/foo", "x")).Status.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task NoLeader_AgentLocalAndStaleReads_StillWork()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.NoLeader = true;

        (await agent.GetAsync("/v1/agent/self")).Status.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync("/v1/event/list")).Status.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync("/v1/health/state/any?stale")).Status.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync("/v1/status/leader")).Body.ShouldBe("\"\"");
    }

    [Fact]
    public async Task AclDenied_ApiRequest_Answers403PermissionDenied()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.AclDenied = true;

        var reply = await agent.GetAsync("/v1/health/state/any");

        reply.Status.ShouldBe(HttpStatusCode.Forbidden);
        reply.Body.ShouldBe("Permission denied");
        (await agent.GetAsync("/v1/status/leader")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Latency_Set_DelaysAnswerAtLeastThatLong()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var reply = await agent.GetAsync("/v1/status/leader");

        reply.Status.ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task DropConnections_Set_AbortsWithoutResponse()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.DropConnections = true;

        await Should.ThrowAsync<HttpRequestException>(() => agent.GetAsync("/v1/kv/foo"));

        agent.Server.Faults.DropConnections = false;
        (await agent.GetAsync("/v1/status/leader")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailNext_TwoFailures_FailsExactlyTwoRequests()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.FailNext(2, 503, "try later");

        var first = await agent.GetAsync("/v1/kv/a");
        var second = await agent.GetAsync("/v1/agent/self");
        var third = await agent.GetAsync("/v1/agent/self");

        first.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        first.Body.ShouldBe("try later");
        second.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        third.Status.ShouldBe(HttpStatusCode.OK);
        agent.Server.Faults.PendingFailures.ShouldBe(0);
    }

    [Fact]
    public async Task ResetIndex_AfterWrites_LowersIndexAndWakesBlockingQuery()
    {
        await using var agent = await TestAgent.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await agent.PutAsync($"/v1/kv/k{i}", "v");
        }

        var before = await agent.GetAsync("/v1/kv/k4");
        var blocked = agent.GetAsync($"/v1/kv/k4?index={before.Index}&wait=5m");
        await Eventually.ShouldHoldAsync(() => agent.Server.Requests.Parked("GET", "/v1/kv/k4") == 1, "the read waits for a change");
        blocked.IsCompleted.ShouldBeFalse();

        agent.Server.Faults.ResetIndex();
        var woken = await blocked.WaitAsync(HangGuard);

        woken.Index!.Value.ShouldBeLessThan(before.Index!.Value);
        (await agent.GetAsync("/v1/health/state/any")).Index!.Value.ShouldBeLessThan(before.Index.Value);
        (await agent.PutAsync("/v1/kv/k4", "w")).Status.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync("/v1/kv/k4")).Index!.Value.ShouldBeGreaterThan(woken.Index.Value);
    }

    [Fact]
    public async Task ResetIndex_OverHttp_LowersIndex()
    {
        await using var agent = await TestAgent.StartAsync();
        await agent.PutAsync("/v1/kv/a", "1");
        await agent.PutAsync("/v1/kv/a", "2");
        var before = (await agent.GetAsync("/v1/kv/a")).Index!.Value;

        (await agent.PutAsync("/_dev/reset-index")).Status.ShouldBe(HttpStatusCode.OK);

        (await agent.GetAsync("/v1/kv/a")).Index!.Value.ShouldBeLessThan(before);
    }

    [Fact]
    public async Task FaultsEndpoint_Put_SetsSwitchesAndGetReportsThem()
    {
        await using var agent = await TestAgent.StartAsync();

        var put = await agent.PutAsync("/_dev/faults", """{"NoLeader":true,"Latency":"10ms","FailNext":{"Count":3,"StatusCode":429,"Body":"slow down"}}""");

        put.Status.ShouldBe(HttpStatusCode.OK);
        agent.Server.Faults.NoLeader.ShouldBeTrue();
        agent.Server.Faults.Latency.ShouldBe(TimeSpan.FromMilliseconds(10));
        agent.Server.Faults.PendingFailures.ShouldBe(3);
        var get = await agent.GetAsync("/_dev/faults");
        get.Body.ShouldContain("\"NoLeader\":true");
        get.Body.ShouldContain("\"Latency\":\"10ms\"");
    }

    [Fact]
    public async Task Clear_AfterFaults_TurnsEverythingOff()
    {
        await using var agent = await TestAgent.StartAsync();
        var faults = agent.Server.Faults;
        faults.NoLeader = true;
        faults.AclDenied = true;
        faults.DropConnections = true;
        faults.Latency = TimeSpan.FromSeconds(1);
        faults.FailNext(5, 500, "x");

        faults.Clear();

        faults.NoLeader.ShouldBeFalse();
        faults.AclDenied.ShouldBeFalse();
        faults.DropConnections.ShouldBeFalse();
        faults.Latency.ShouldBe(TimeSpan.Zero);
        faults.PendingFailures.ShouldBe(0);
        (await agent.GetAsync("/v1/kv/?recurse")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FaultsEndpoint_Delete_ClearsFaults()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.NoLeader = true;
        agent.Server.Faults.FailNext(3, 500, "x");

        (await agent.SendAsync(HttpMethod.Delete, "/_dev/faults")).Status.ShouldBe(HttpStatusCode.OK);

        agent.Server.Faults.NoLeader.ShouldBeFalse();
        agent.Server.Faults.PendingFailures.ShouldBe(0);
    }
}
