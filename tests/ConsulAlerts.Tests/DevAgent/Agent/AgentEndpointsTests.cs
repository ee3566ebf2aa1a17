using System.Net;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.DevAgent.Agent;

public sealed class AgentEndpointsTests
{
    [Fact]
    public async Task Self_DefaultOptions_ClaimsConsul11012()
    {
        await using var agent = await TestAgent.StartAsync();

        (await agent.GetAsync("/v1/agent/self")).Body.ShouldContain("\"Version\":\"1.10.12\"");
    }

    [Fact]
    public async Task Self_ClaimedVersion_IsReported()
    {
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { Version = "1.14.2" });

        (await agent.GetAsync("/v1/agent/self")).Body.ShouldContain("\"Version\":\"1.14.2\"");
    }

    [Fact]
    public async Task ServiceRegister_CheckWithOutput_Returns400AndRegistersNothing()
    {
        await using var agent = await TestAgent.StartAsync();

        var reply = await agent.PutAsync("/v1/agent/service/register", """{"ID":"web","Name":"web","Check":{"TTL":"10s","Output":"seeded"}}""");

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        reply.Body.ShouldBe("Request decode failed: json: unknown field \"Output\"");
        (await agent.GetAsync("/v1/agent/services")).Body.ShouldBe("{}");
    }

    [Fact]
    public async Task Reaper_CheckCriticalLongerThanDeregisterAfter_ServiceAndChecksRemovedAtTheNextPass()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        await agent.PutAsync(
            "/v1/agent/service/register",
            """{"ID":"daemon-1","Name":"consul-alerts","Check":{"CheckID":"lease-1","TTL":"4s","Status":"passing","DeregisterCriticalServiceAfter":"1m"}}""");
        await agent.PutAsync("/v1/agent/service/register", """{"ID":"web","Name":"web","Check":{"CheckID":"web-ttl","TTL":"4s","Status":"passing"}}""");

        time.Advance(TimeSpan.FromSeconds(5)); // both TTLs expire: critical since t=4 s
        time.Advance(TimeSpan.FromSeconds(55)); // the pass at t=60 s finds it critical for 56 s
        var before = (await agent.GetAsync("/v1/agent/services")).Body;
        time.Advance(TimeSpan.FromSeconds(30)); // the pass at t=90 s: 86 s, more than a minute

        before.ShouldContain("daemon-1");
        var services = (await agent.GetAsync("/v1/agent/services")).Body;
        services.ShouldNotContain("daemon-1");
        services.ShouldContain("\"web\"", Case.Sensitive, "a critical check without DeregisterCriticalServiceAfter is never reaped");
        (await agent.GetAsync("/v1/agent/checks")).Body.ShouldNotContain("lease-1");
        (await agent.GetAsync("/v1/catalog/service/consul-alerts")).Body.ShouldBe("[]");
    }

    [Fact]
    public async Task Reaper_CheckPassingAgainInTime_ServiceKept()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        await agent.PutAsync(
            "/v1/agent/service/register",
            """{"ID":"daemon-1","Name":"consul-alerts","Check":{"CheckID":"lease-1","TTL":"4s","Status":"passing","DeregisterCriticalServiceAfter":"10s"}}""");

        time.Advance(TimeSpan.FromSeconds(50)); // critical since t=4 s: 46 s, under the 1 minute that 10s is raised to
        await agent.PutAsync("/v1/agent/check/pass/lease-1");
        time.Advance(TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(10)); // the pass at t=60 s finds it passing

        (await agent.GetAsync("/v1/agent/services")).Body.ShouldContain("daemon-1");
    }
}
