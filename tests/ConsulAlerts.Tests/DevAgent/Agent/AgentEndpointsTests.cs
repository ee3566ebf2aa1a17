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
}
