using System.Net;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.DevAgent.Txn;

public sealed class TxnEndpointTests
{
    [Theory]
    [InlineData("1.10.12", HttpStatusCode.Conflict)]
    [InlineData("1.13.9", HttpStatusCode.Conflict)]
    [InlineData("1.14.0", HttpStatusCode.OK)]
    [InlineData("1.21.0-dev", HttpStatusCode.OK)]
    public async Task GetOrEmpty_ClaimedVersion_OfferedFrom114(string version, HttpStatusCode status)
    {
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { Version = version });

        var reply = await agent.PutAsync("/v1/txn", """[{"KV":{"Verb":"get-or-empty","Key":"missing"}}]""");

        reply.Status.ShouldBe(status, reply.Body);
        if (status == HttpStatusCode.Conflict)
        {
            reply.Body.ShouldContain("unknown KV verb \\\"get-or-empty\\\"");
        }
    }
}
