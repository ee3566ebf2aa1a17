using ConsulAlerts.Consul.Health;

namespace ConsulAlerts.Tests.Consul.Health;

public sealed class HealthEndpointTests : IDisposable
{
    private const string CheckJson =
        """
        {"Node":"n1","CheckID":"service:web","Name":"Service 'web' check","Status":"critical","Notes":"","Output":"TTL expired",
         "ServiceID":"web","ServiceName":"web","ServiceTags":null,"Type":"ttl","Interval":"","Timeout":"","ExposedPort":0,
         "Definition":{"Interval":"0s","Timeout":10000000000,"HTTP":""},"CreateIndex":10,"ModifyIndex":42,"Unknown":{"x":1}}
        """;

    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Theory]
    [InlineData("Any", "/v1/health/state/any")]
    [InlineData("Passing", "/v1/health/state/passing")]
    [InlineData("Warning", "/v1/health/state/warning")]
    [InlineData("Critical", "/v1/health/state/critical")]
    public async Task StateAsync_State_GoesInPath(string state, string expectedPath)
    {
        using var client = StubHttpHandler.Client(_stub);

        await client.Health.StateAsync(Enum.Parse<HealthState>(state));

        _stub.Last.Uri.AbsolutePath.ShouldBe(expectedPath);
    }

    [Fact]
    public async Task StateAsync_ServerCheck_DecodedWithNullTagsAsEmpty()
    {
        _stub.RespondWith(() => StubHttpHandler.Json($"[{CheckJson}]", index: 42));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Health.StateAsync(HealthState.Any);

        var check = result.Value.ShouldHaveSingleItem();
        check.CheckId.ShouldBe("service:web");
        check.ServiceId.ShouldBe("web");
        check.Status.ShouldBe("critical");
        check.Output.ShouldBe("TTL expired");
        check.ServiceTags.ShouldBeEmpty();
        check.ModifyIndex.ShouldBe(42ul);
        check.Definition.ShouldNotBeNull().GetProperty("Timeout").GetInt64().ShouldBe(10000000000);
        result.LastIndex.ShouldBe(42ul);
    }

    [Fact]
    public async Task StateAsync_NullBody_GivesEmptyList()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("null", index: 2));
        using var client = StubHttpHandler.Client(_stub);

        (await client.Health.StateAsync(HealthState.Critical)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceAsync_TagsAndPassing_SentAsRepeatedParameters()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            $$"""[{"Node":{"ID":"i","Node":"n1","Address":"10.0.0.1"},"Service":{"ID":"web-1","Service":"web","Tags":["v1"],"Port":80},"Checks":[{{CheckJson}}]}]"""));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Health.ServiceAsync("web", ["v1", "eu"], passingOnly: true);

        var entry = result.Value.ShouldHaveSingleItem();
        entry.Node.ShouldNotBeNull().Address.ShouldBe("10.0.0.1");
        entry.Service.ShouldNotBeNull().Port.ShouldBe(80);
        entry.Checks.ShouldHaveSingleItem();
        _stub.Last.PathAndQuery.ShouldBe("/v1/health/service/web?tag=v1&tag=eu&passing");
    }

    [Fact]
    public async Task NodeAndChecksAsync_Names_AreEscaped()
    {
        using var client = StubHttpHandler.Client(_stub);

        await client.Health.NodeAsync("node 1");
        await client.Health.ChecksAsync("web/api");

        _stub.Requests[0].Uri.AbsolutePath.ShouldBe("/v1/health/node/node%201");
        _stub.Requests[1].Uri.AbsolutePath.ShouldBe("/v1/health/checks/web%2Fapi");
    }
}
