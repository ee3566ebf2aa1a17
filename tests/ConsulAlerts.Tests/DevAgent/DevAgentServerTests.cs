using System.Net;
using System.Text.Json;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.DevAgent;

public sealed class DevAgentServerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_PortZero_ListensOnLoopbackFreePort()
    {
        await using var agent = await TestAgent.StartAsync();

        agent.Server.Port.ShouldBeGreaterThan(0);
        agent.Server.Address.ShouldBe(new Uri($"http://127.0.0.1:{agent.Server.Port}/"));
        (await agent.GetAsync("/v1/status/leader")).Body.ShouldBe("\"127.0.0.1:8300\"");
    }

    [Fact]
    public async Task Dispatch_WrongMethodAndOptions_AnswerWithAllowHeader()
    {
        await using var agent = await TestAgent.StartAsync();

        using var wrong = await agent.Http.PostAsync("/v1/agent/check/pass/x", null);
        using var options = await agent.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/v1/kv/a"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await wrong.Content.ReadAsStringAsync()).ShouldBe("method POST not allowed");
        wrong.Content.Headers.Allow.ShouldBe(["OPTIONS", "PUT"]);
        options.StatusCode.ShouldBe(HttpStatusCode.OK);
        options.Content.Headers.Allow.ShouldBe(["OPTIONS", "GET", "PUT", "DELETE"]);
        (await agent.GetAsync("/v1/unknown")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dispatch_BadIndexWhileNoLeader_Answers400First()
    {
        await using var agent = await TestAgent.StartAsync();
        agent.Server.Faults.NoLeader = true;

        var reply = await agent.GetAsync("/v1/kv/a?index=x");

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        reply.Body.ShouldBe("Invalid index");
    }

    [Fact]
    public async Task TtlCheck_NotUpdatedWithinTtl_ExpiresToCritical()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        await agent.PutAsync("/v1/agent/service/register", """{"Name":"web","Check":{"TTL":"10s","Status":"passing"}}""");
        await agent.PutAsync("/v1/agent/check/pass/service:web?note=fine");

        time.Advance(TimeSpan.FromSeconds(9));
        Check(await agent.GetAsync("/v1/agent/checks"), "service:web").GetProperty("Status").GetString().ShouldBe("passing");

        time.Advance(TimeSpan.FromSeconds(2));
        var expired = Check(await agent.GetAsync("/v1/agent/checks"), "service:web");
        expired.GetProperty("Status").GetString().ShouldBe("critical");
        expired.GetProperty("Output").GetString().ShouldBe("TTL expired (last output before timeout follows): fine");
    }

    [Fact]
    public async Task TtlCheck_UpdatedBeforeExpiry_RestartsTtl()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        await agent.PutAsync("/v1/agent/check/register", """{"Name":"hb","TTL":"10s"}""");

        time.Advance(TimeSpan.FromSeconds(8));
        await agent.PutAsync("/v1/agent/check/update/hb", """{"Status":"warning","Output":"slow"}""");
        time.Advance(TimeSpan.FromSeconds(8));
        Check(await agent.GetAsync("/v1/agent/checks"), "hb").GetProperty("Status").GetString().ShouldBe("warning");

        time.Advance(TimeSpan.FromSeconds(3));
        Check(await agent.GetAsync("/v1/agent/checks"), "hb").GetProperty("Status").GetString().ShouldBe("critical");
    }

    [Fact]
    public async Task Session_NotRenewedWithinTwiceTtl_IsInvalidatedAndLocksReleasedWithLockDelay()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        var session = await CreateSessionAsync(agent, """{"TTL":"10s","LockDelay":"15s"}""");
        (await agent.PutAsync($"/v1/kv/lock?acquire={session}", "me")).Body.ShouldBe("true");

        time.Advance(TimeSpan.FromSeconds(19));
        (await agent.GetAsync($"/v1/session/info/{session}")).Body.ShouldContain(session);

        time.Advance(TimeSpan.FromSeconds(2));
        (await agent.GetAsync($"/v1/session/info/{session}")).Body.ShouldBe("[]");
        var key = JsonDocument.Parse((await agent.GetAsync("/v1/kv/lock")).Body).RootElement[0];
        key.TryGetProperty("Session", out _).ShouldBeFalse();

        var other = await CreateSessionAsync(agent, """{"Checks":[]}""");
        (await agent.PutAsync($"/v1/kv/lock?acquire={other}", "you")).Body.ShouldBe("false");
        time.Advance(TimeSpan.FromSeconds(15));
        (await agent.PutAsync($"/v1/kv/lock?acquire={other}", "you")).Body.ShouldBe("true");
    }

    [Fact]
    public async Task Session_RenewedBeforeExpiry_StaysAlive()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time });
        var session = await CreateSessionAsync(agent, """{"TTL":"10s"}""");

        time.Advance(TimeSpan.FromSeconds(15));
        (await agent.PutAsync($"/v1/session/renew/{session}")).Status.ShouldBe(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromSeconds(15));

        (await agent.GetAsync($"/v1/session/info/{session}")).Body.ShouldContain(session);
    }

    [Fact]
    public async Task Session_DeleteBehaviorExpires_DeletesHeldKeys()
    {
        var time = new FakeTimeProvider();
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { TimeProvider = time, SessionTtlMultiplier = 1 });
        var session = await CreateSessionAsync(agent, """{"TTL":"10s","Behavior":"delete"}""");
        await agent.PutAsync($"/v1/kv/sem/{session}?acquire={session}", "");

        time.Advance(TimeSpan.FromSeconds(11));

        (await agent.GetAsync($"/v1/kv/sem/{session}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Release_Voluntary_SetsNoLockDelay()
    {
        await using var agent = await TestAgent.StartAsync();
        var first = await CreateSessionAsync(agent, "");
        var second = await CreateSessionAsync(agent, "");
        await agent.PutAsync($"/v1/kv/l?acquire={first}", "a");

        (await agent.PutAsync($"/v1/kv/l?release={first}", "a")).Body.ShouldBe("true");

        (await agent.PutAsync($"/v1/kv/l?acquire={second}", "b")).Body.ShouldBe("true");
    }

    [Theory]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("bearer")]
    public async Task RequiredToken_MatchingToken_IsAccepted(string where)
    {
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { RequiredToken = "s3cret" });

        var reply = await agent.SendAsync(
            HttpMethod.Get,
            where == "query" ? "/v1/agent/self?token=s3cret" : "/v1/agent/self",
            configure: request =>
            {
                if (where == "header")
                {
                    request.Headers.Add("X-Consul-Token", "s3cret");
                }
                else if (where == "bearer")
                {
                    request.Headers.Add("Authorization", "Bearer s3cret");
                }
            });

        reply.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequiredToken_MissingOrWrong_Answers403AclNotFound()
    {
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { RequiredToken = "s3cret" });

        var missing = await agent.GetAsync("/v1/kv/a");
        var wrong = await agent.SendAsync(HttpMethod.Get, "/v1/kv/a", configure: r => r.Headers.Add("X-Consul-Token", "nope"));

        missing.Status.ShouldBe(HttpStatusCode.Forbidden);
        missing.Body.ShouldBe("ACL not found");
        wrong.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reregistration_Unchanged_DoesNotBumpHealthIndex()
    {
        await using var agent = await TestAgent.StartAsync();
        const string Service = """{"Name":"web","Tags":["a"],"Check":{"TTL":"30s","Status":"passing"}}""";
        await agent.PutAsync("/v1/agent/service/register", Service);
        var before = (await agent.GetAsync("/v1/health/state/any")).Index;

        await agent.PutAsync("/v1/agent/service/register", Service);
        await agent.PutAsync("/v1/agent/check/pass/service:web");
        await agent.PutAsync("/v1/agent/check/pass/service:web");

        (await agent.GetAsync("/v1/health/state/any")).Index.ShouldBe(before);
    }

    [Fact]
    public async Task EventList_BlockingOnCurrentIndex_ReturnsWhenEventFired()
    {
        await using var agent = await TestAgent.StartAsync();
        var first = await agent.GetAsync("/v1/event/list");
        first.Index.ShouldBe(1UL);

        var blocked = agent.GetAsync("/v1/event/list?index=1");
        await Eventually.ShouldHoldAsync(() => agent.Server.Requests.Parked("GET", "/v1/event/list") == 1, "the list waits for a change");
        blocked.IsCompleted.ShouldBeFalse();
        await agent.PutAsync("/v1/event/fire/deploy", "v2");
        var reply = await blocked.WaitAsync(HangGuard);

        reply.Body.ShouldContain("\"Name\":\"deploy\"");
        reply.Index.ShouldNotBe(1UL);
    }

    [Fact]
    public async Task DisposeAsync_WithBlockedQuery_EndsIt()
    {
        var agent = await TestAgent.StartAsync();
        var blocked = agent.Http.GetAsync("/v1/kv/x?index=1000&wait=10m");
        await Eventually.ShouldHoldAsync(() => agent.Server.Requests.Parked("GET", "/v1/kv/x") == 1, "the read waits for a change");

        await agent.DisposeAsync().AsTask().WaitAsync(HangGuard);

        await Should.ThrowAsync<Exception>(() => blocked.WaitAsync(HangGuard));
    }

    private static async Task<string> CreateSessionAsync(TestAgent agent, string body)
    {
        var reply = await agent.PutAsync("/v1/session/create", body);
        reply.Status.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(reply.Body).RootElement.GetProperty("ID").GetString()!;
    }

    private static JsonElement Check(TestAgent.Reply reply, string checkId) =>
        JsonDocument.Parse(reply.Body).RootElement.GetProperty(checkId);
}
