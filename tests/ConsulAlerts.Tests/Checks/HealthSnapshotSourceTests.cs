using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Tests.Consul;

namespace ConsulAlerts.Tests.Checks;

public sealed class HealthSnapshotSourceTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task ReadAsync_BlockingStaleQuery_SendsIndexWaitAndStaleAndDecodesWithMeta()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """[{"Node":"n1","CheckID":"serfHealth","Name":"Serf","Status":"passing","Notes":"","Output":"Agent alive","ServiceID":"","ServiceName":"","ServiceTags":null}]""",
            index: 77));
        using var client = StubHttpHandler.Client(_stub);
        var source = new HealthSnapshotSource(client);

        var result = await source.ReadAsync(
            new QueryOptions { WaitIndex = 42, WaitTime = TimeSpan.FromMinutes(5), Consistency = ConsulConsistency.Stale }, CancellationToken.None);

        _stub.Last.Uri.AbsolutePath.ShouldBe("/v1/health/state/any");
        _stub.Last.Uri.Query.ShouldBe("?index=42&wait=300000ms&stale");
        result.LastIndex.ShouldBe(77ul);
        result.Value.ShouldHaveSingleItem().Output.ShouldBe("Agent alive");
    }

    [Fact]
    public async Task ReadAsync_SameBodyTwice_ReusesTheCheckInstances()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """[{"Node":"n1","CheckID":"a","Status":"passing"},{"Node":"n1","CheckID":"b","Status":"critical"}]""", index: 5));
        using var client = StubHttpHandler.Client(_stub);
        var source = new HealthSnapshotSource(client);

        var first = await source.ReadAsync(QueryOptions.None, CancellationToken.None);
        var second = await source.ReadAsync(QueryOptions.None, CancellationToken.None);

        second.Value[0].ShouldBeSameAs(first.Value[0]);
        second.Value[1].ShouldBeSameAs(first.Value[1]);
    }

    [Fact]
    public async Task ReadAsync_DaemonsLeaderChecks_LeftOut()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """[{"Node":"n1","CheckID":"_consul-alerts-leader:0a1b2c3d4e5f","Status":"critical","ServiceID":"consul-alerts-leader-0a1b2c3d4e5f","ServiceName":"consul-alerts"},{"Node":"n1","CheckID":"web","Status":"critical"}]""",
            index: 5));
        using var client = StubHttpHandler.Client(_stub);
        var source = new HealthSnapshotSource(client);

        var result = await source.ReadAsync(QueryOptions.None, CancellationToken.None);

        result.Value.ShouldHaveSingleItem().CheckId.ShouldBe("web");
    }

    [Fact]
    public async Task ReadAsync_MalformedBody_ConsulExceptionNamingTheEndpoint()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("{\"oops\":1}", index: 5));
        using var client = StubHttpHandler.Client(_stub);
        var source = new HealthSnapshotSource(client);

        var error = await Should.ThrowAsync<ConsulException>(() => source.ReadAsync(QueryOptions.None, CancellationToken.None));

        error.Path.ShouldBe("/v1/health/state/any");
        error.IsRetryable.ShouldBeFalse();
        error.Message.ShouldContain("unexpected response body");
    }
}
