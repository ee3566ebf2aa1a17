namespace ConsulAlerts.Tests.DevAgent;

public sealed class DevAgentRequestLogTests
{
    [Fact]
    public async Task Count_AfterRequests_CountsByMethodAndPathPrefixWithoutQuery()
    {
        await using var agent = await TestAgent.StartAsync();

        await agent.PutAsync("/v1/kv/a", "1");
        await agent.GetAsync("/v1/kv/a?index=0");
        await agent.GetAsync("/v1/kv/b");
        await agent.GetAsync("/v1/health/state/any");
        await agent.GetAsync("/_dev/faults");

        var log = agent.Server.Requests;
        log.Total.ShouldBe(4);
        log.Count("GET", "/v1/kv/").ShouldBe(2);
        log.Count("get", "/v1/kv/a").ShouldBe(1);
        log.Count("PUT", "/v1/").ShouldBe(1);
        log.Count("GET", "/v1/health/").ShouldBe(1);
        log.Snapshot()["GET /v1/kv/a"].ShouldBe(1L);
    }

    [Fact]
    public async Task Reset_AfterRequests_ForgetsCounts()
    {
        await using var agent = await TestAgent.StartAsync();
        await agent.GetAsync("/v1/status/leader");

        agent.Server.Requests.Reset();

        agent.Server.Requests.Total.ShouldBe(0);
        agent.Server.Requests.Snapshot().ShouldBeEmpty();
        await agent.GetAsync("/v1/status/leader");
        agent.Server.Requests.Count("GET", "/v1/status/leader").ShouldBe(1);
    }

    [Fact]
    public async Task Count_FailedAndDroppedRequests_AreStillCounted()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.FailNext(1, 500, "x");

        await agent.GetAsync("/v1/kv/a");

        agent.Server.Requests.Count("GET", "/v1/kv/a").ShouldBe(1);
    }
}
