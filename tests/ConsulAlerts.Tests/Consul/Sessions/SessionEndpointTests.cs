using System.Net;
using System.Text.Json;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Sessions;

namespace ConsulAlerts.Tests.Consul.Sessions;

public sealed class SessionEndpointTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task CreateAsync_Options_SentAsGoDurationsAndExplicitEmptyChecks()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"ID":"adf4238a-882b-9ddc-4a9d-5b6758e4159e"}"""));
        using var client = StubHttpHandler.Client(_stub);

        var id = await client.Sessions.CreateAsync(new SessionOptions
        {
            Name = "consul-alerts",
            Ttl = TimeSpan.FromSeconds(15),
            LockDelay = TimeSpan.FromMilliseconds(1500),
            Behavior = SessionBehavior.Delete,
            NodeChecks = [],
        });

        id.ShouldBe("adf4238a-882b-9ddc-4a9d-5b6758e4159e");
        _stub.Last.PathAndQuery.ShouldBe("/v1/session/create");
        using var body = JsonDocument.Parse(_stub.Last.BodyText);
        body.RootElement.GetProperty("Name").GetString().ShouldBe("consul-alerts");
        body.RootElement.GetProperty("TTL").GetString().ShouldBe("15s");
        body.RootElement.GetProperty("LockDelay").GetString().ShouldBe("1500ms");
        body.RootElement.GetProperty("Behavior").GetString().ShouldBe("delete");
        body.RootElement.GetProperty("NodeChecks").GetArrayLength().ShouldBe(0);
        body.RootElement.TryGetProperty("Node", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_ZeroLockDelay_SentAsZeroSeconds()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"ID":"adf4238a-882b-9ddc-4a9d-5b6758e4159e"}"""));
        using var client = StubHttpHandler.Client(_stub);

        await client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(10), LockDelay = TimeSpan.Zero, NodeChecks = [] });

        using var body = JsonDocument.Parse(_stub.Last.BodyText);
        body.RootElement.GetProperty("LockDelay").GetString().ShouldBe("0s");
    }

    [Fact]
    public async Task CreateAsync_NoNodeChecks_SendsBothEmptyListsSoEveryVersionDropsSerfHealth()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"ID":"adf4238a-882b-9ddc-4a9d-5b6758e4159e"}"""));
        using var client = StubHttpHandler.Client(_stub);

        await client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(10), NodeChecks = [] });

        using var body = JsonDocument.Parse(_stub.Last.BodyText);
        body.RootElement.GetProperty("Checks").GetArrayLength().ShouldBe(0);
        body.RootElement.GetProperty("NodeChecks").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task RenewAsync_Existing_GivesEntryWithServerTtl()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """[{"ID":"s1","Name":"n","Node":"node1","LockDelay":15000000000,"Behavior":"release","TTL":"30s","CreateIndex":1,"ModifyIndex":2}]"""));
        using var client = StubHttpHandler.Client(_stub);

        var entry = await client.Sessions.RenewAsync("s1");

        entry.TtlDuration.ShouldBe(TimeSpan.FromSeconds(30));
        entry.LockDelay.ShouldBe(TimeSpan.FromSeconds(15));
        _stub.Last.Method.ShouldBe(HttpMethod.Put);
        _stub.Last.PathAndQuery.ShouldBe("/v1/session/renew/s1");
    }

    [Fact]
    public async Task RenewAsync_404_ThrowsSessionNotFound()
    {
        _stub.RespondWith(() => StubHttpHandler.Text("Session id 's1' not found", status: HttpStatusCode.NotFound));
        using var client = StubHttpHandler.Client(_stub);

        var ex = await Should.ThrowAsync<ConsulSessionNotFoundException>(() => client.Sessions.RenewAsync("s1"));

        ex.SessionId.ShouldBe("s1");
        ex.Kind.ShouldBe(ConsulErrorKind.SessionNotFound);
        ex.IsRetryable.ShouldBeFalse();
        ex.Message.ShouldContain("PUT /v1/session/renew/s1");
    }

    [Fact]
    public async Task InfoAsync_MissingSession_GivesNull()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("[]", index: 9));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Sessions.InfoAsync("gone");

        result.Value.ShouldBeNull();
        result.LastIndex.ShouldBe(9ul);
    }

    [Fact]
    public async Task DestroyAsync_Answer_IsReturned()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("true"));
        using var client = StubHttpHandler.Client(_stub);

        (await client.Sessions.DestroyAsync("s1")).ShouldBeTrue();

        _stub.Last.PathAndQuery.ShouldBe("/v1/session/destroy/s1");
    }
}
