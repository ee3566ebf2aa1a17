namespace ConsulAlerts.Tests.Consul.Agent;

public sealed class StatusEndpointTests
{
    [Theory]
    [InlineData("\"10.0.0.1:8300\"", "10.0.0.1:8300")]
    [InlineData("\"\"", "")]
    public async Task LeaderAsync_JsonString_IsReturned(string body, string expected)
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() => StubHttpHandler.Json(body));
        using var client = StubHttpHandler.Client(stub);

        (await client.Status.LeaderAsync()).ShouldBe(expected);
        stub.Last.PathAndQuery.ShouldBe("/v1/status/leader");
    }
}
