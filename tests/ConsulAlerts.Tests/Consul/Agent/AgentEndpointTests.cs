namespace ConsulAlerts.Tests.Consul.Agent;

public sealed class AgentEndpointTests
{
    [Fact]
    public async Task SelfAsync_Body_GivesConfigAndMember()
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() => StubHttpHandler.Json(
            """{"Config":{"Datacenter":"dc1","NodeName":"agent-1","NodeID":"abc","Server":true,"Version":"1.22.0"},"Member":{"Name":"agent-1","Addr":"10.0.0.1","Port":8301,"Tags":{"dc":"dc1"},"Status":1},"DebugConfig":{"Anything":[1,2]}}"""));
        using var client = StubHttpHandler.Client(stub);

        var self = await client.Agent.SelfAsync();

        self.Config.ShouldNotBeNull().NodeName.ShouldBe("agent-1");
        self.Config.NodeId.ShouldBe("abc");
        self.Config.Server.ShouldBeTrue();
        self.Member.ShouldNotBeNull().Status.ShouldBe(1);
        self.Member.Tags.ShouldNotBeNull()["dc"].ShouldBe("dc1");
    }
}
