using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Health;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Consul;

/// <summary>The client against the dev agent over real HTTP on 127.0.0.1.</summary>
public sealed class ConsulClientIntegrationTests : IAsyncLifetime
{
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Kv_RoundTrip_KeepsFlagsHonoursCasAndReportsMissingKeysWithIndex()
    {
        const ulong flags = 16210313421097356768;
        (await _client.Kv.PutAsync("cfg/a", "bar"u8.ToArray(), new KvPutOptions { Flags = flags })).ShouldBeTrue();

        var read = await _client.Kv.GetAsync("cfg/a");
        var pair = read.Value.ShouldNotBeNull();
        pair.Value.ShouldBe("bar"u8.ToArray());
        pair.Flags.ShouldBe(flags);
        read.LastIndex.ShouldBe(pair.ModifyIndex);

        (await _client.Kv.PutAsync("cfg/a", "stale"u8.ToArray(), new KvPutOptions { Cas = pair.ModifyIndex - 1 })).ShouldBeFalse();
        (await _client.Kv.PutAsync("cfg/a", "fresh"u8.ToArray(), new KvPutOptions { Cas = pair.ModifyIndex, Flags = flags })).ShouldBeTrue();
        (await _client.Kv.PutAsync("cfg/new", default, new KvPutOptions { Cas = 0 })).ShouldBeTrue();
        (await _client.Kv.PutAsync("cfg/new", default, new KvPutOptions { Cas = 0 })).ShouldBeFalse();

        var empty = (await _client.Kv.GetAsync("cfg/new")).Value.ShouldNotBeNull();
        empty.Value.ShouldBeNull();

        (await _client.Kv.ListAsync("cfg/")).Value.Select(p => p.Key).ShouldBe(["cfg/a", "cfg/new"]);
        (await _client.Kv.KeysAsync("", "/")).Value.ShouldBe(["cfg/"]);

        var missing = await _client.Kv.GetAsync("cfg/missing");
        missing.Value.ShouldBeNull();
        missing.LastIndex.ShouldBeGreaterThan(0ul);

        var current = (await _client.Kv.GetAsync("cfg/a")).Value.ShouldNotBeNull();
        (await _client.Kv.DeleteAsync("cfg/a", cas: current.ModifyIndex - 1)).ShouldBeFalse();
        (await _client.Kv.DeleteAsync("cfg/a", cas: current.ModifyIndex)).ShouldBeTrue();
        (await _client.Kv.DeleteAsync("cfg/", recurse: true)).ShouldBeTrue();
        (await _client.Kv.ListAsync("cfg/")).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task Kv_AcquireAndRelease_LockWithSessions()
    {
        var mine = await _client.Sessions.CreateAsync(new SessionOptions { Name = "mine", Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        var theirs = await _client.Sessions.CreateAsync(new SessionOptions { Name = "theirs", Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });

        (await _client.Kv.PutAsync("locks/leader", "me"u8.ToArray(), new KvPutOptions { Acquire = mine, Flags = 3304740253564472344 })).ShouldBeTrue();
        (await _client.Kv.PutAsync("locks/leader", "them"u8.ToArray(), new KvPutOptions { Acquire = theirs })).ShouldBeFalse();

        var held = (await _client.Kv.GetAsync("locks/leader")).Value.ShouldNotBeNull();
        held.Session.ShouldBe(mine);
        held.LockIndex.ShouldBe(1ul);
        held.Value.ShouldBe("me"u8.ToArray());
        held.Flags.ShouldBe(3304740253564472344ul);

        (await _client.Kv.PutAsync("locks/leader", "me"u8.ToArray(), new KvPutOptions { Release = theirs })).ShouldBeFalse();
        (await _client.Kv.PutAsync("locks/leader", "me"u8.ToArray(), new KvPutOptions { Release = mine, Flags = 3304740253564472344 })).ShouldBeTrue();

        var released = (await _client.Kv.GetAsync("locks/leader")).Value.ShouldNotBeNull();
        released.IsLocked.ShouldBeFalse();
        released.LockIndex.ShouldBe(1ul);
    }

    [Fact]
    public async Task Kv_AcquireWithUnknownSession_Is500InvalidSession()
    {
        var ex = await Should.ThrowAsync<ConsulHttpException>(() =>
            _client.Kv.PutAsync("locks/x", default, new KvPutOptions { Acquire = "00000000-0000-0000-0000-000000000000" }));

        ((int)ex.StatusCode!).ShouldBe(500);
        ex.Detail.ShouldContain("invalid session");
        ex.IsRetryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Txn_Rollback_409ParsedIntoErrors()
    {
        await _client.Kv.PutAsync("t/a", "1"u8.ToArray());
        var a = (await _client.Kv.GetAsync("t/a")).Value.ShouldNotBeNull();

        var failed = await _client.Txn.ExecuteAsync(
        [
            TxnOperation.KvSet("t/b", "2"u8.ToArray()),
            TxnOperation.KvCheckIndex("t/a", a.ModifyIndex + 100),
        ]);

        failed.Committed.ShouldBeFalse();
        failed.Errors.ShouldHaveSingleItem().OpIndex.ShouldBe(1);
        (await _client.Kv.GetAsync("t/b")).Value.ShouldBeNull();

        var committed = await _client.Txn.ExecuteAsync(
        [
            TxnOperation.KvCas("t/a", "3"u8.ToArray(), a.ModifyIndex, flags: 9),
            TxnOperation.KvGet("t/a"),
            TxnOperation.KvDelete("t/none"),
        ]);

        committed.Committed.ShouldBeTrue();
        committed.Errors.ShouldBeEmpty();
        committed.Results.Count.ShouldBe(2);
        var got = committed.Results[1].Kv.ShouldNotBeNull();
        got.Value.ShouldBe("3"u8.ToArray());
        got.Flags.ShouldBe(9ul);
    }

    [Fact]
    public async Task Session_RenewAfterDestroy_ThrowsSessionNotFound()
    {
        var id = await _client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(15), NodeChecks = [] });

        var renewed = await _client.Sessions.RenewAsync(id);
        renewed.Id.ShouldBe(id);
        renewed.TtlDuration.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(15));
        (await _client.Sessions.InfoAsync(id)).Value.ShouldNotBeNull().Id.ShouldBe(id);

        (await _client.Sessions.DestroyAsync(id)).ShouldBeTrue();
        (await _client.Sessions.DestroyAsync(id)).ShouldBeTrue();

        var ex = await Should.ThrowAsync<ConsulSessionNotFoundException>(() => _client.Sessions.RenewAsync(id));
        ex.SessionId.ShouldBe(id);
        (await _client.Sessions.InfoAsync(id)).Value.ShouldBeNull();
    }

    [Fact]
    public async Task Events_FireAndList_IndexIsHashOfLastEventId()
    {
        var empty = await _client.Events.ListAsync("deploy");
        empty.Value.ShouldBeEmpty();
        empty.LastIndex.ShouldBe(1ul);

        var first = await _client.Events.FireAsync("deploy", "v1"u8.ToArray());
        var second = await _client.Events.FireAsync("deploy", "v2"u8.ToArray());
        await _client.Events.FireAsync("other");

        var listed = await _client.Events.ListAsync("deploy");

        listed.Value.Select(e => e.Id).ShouldBe([first.Id, second.Id]);
        listed.Value[1].Payload.ShouldBe("v2"u8.ToArray());
        listed.LastIndex.ShouldBe(UserEvent.IndexOf(second.Id).ShouldNotBeNull());
    }

    [Fact]
    public async Task HealthAndCatalog_RegisteredService_AreVisible()
    {
        await RegisterServiceAsync("web", "web-1", ttlCheckId: "web-ttl");

        var checks = await _client.Health.StateAsync(HealthState.Any);
        checks.Value.ShouldContain(c => c.CheckId == "web-ttl");
        var check = checks.Value.First(c => c.CheckId == "web-ttl");
        check.ServiceId.ShouldBe("web-1");
        check.ServiceTags.ShouldBe(["v1"]);
        checks.Value.ShouldContain(c => c.CheckId == "serfHealth" && c.ServiceId == "");

        var node = (await _client.Catalog.NodeAsync("dev-agent")).Value.ShouldNotBeNull();
        node.Services.ContainsKey("web-1").ShouldBeTrue();
        (await _client.Catalog.NodeAsync("no-such-node")).Value.ShouldBeNull();
        (await _client.Catalog.ServicesAsync()).Value.ContainsKey("web").ShouldBeTrue();
        (await _client.Catalog.NodesAsync()).Value.ShouldContain(n => n.Node == "dev-agent");
        (await _client.Health.ServiceAsync("web")).Value.ShouldHaveSingleItem().Service.ShouldNotBeNull().Id.ShouldBe("web-1");
        (await _client.Health.ChecksAsync("web")).Value.ShouldContain(c => c.CheckId == "web-ttl");
        (await _client.Health.NodeAsync("dev-agent")).Value.ShouldContain(c => c.CheckId == "serfHealth");
    }

    [Fact]
    public async Task StatusAndAgent_Answer()
    {
        (await _client.Status.LeaderAsync()).ShouldNotBeNullOrEmpty();
        var self = await _client.Agent.SelfAsync();
        self.Config.ShouldNotBeNull().NodeName.ShouldBe("dev-agent");
        self.Config.Datacenter.ShouldBe("dc1");
    }

    [Fact]
    public async Task NoLeader_DefaultReadFailsTypedButStaleReadWorks()
    {
        await _client.Kv.PutAsync("nl/a", "x"u8.ToArray());
        _agent.Faults.NoLeader = true;

        var ex = await Should.ThrowAsync<ConsulNoLeaderException>(() => _client.Kv.GetAsync("nl/a"));
        ex.IsRetryable.ShouldBeTrue();
        ex.Message.ShouldContain("GET /v1/kv/nl/a");

        var stale = await _client.Kv.GetAsync("nl/a", new QueryOptions { Consistency = ConsulConsistency.Stale });
        stale.Value.ShouldNotBeNull();
        stale.Meta.KnownLeader.ShouldBe(false);
    }

    [Fact]
    public async Task Datacenter_PerCallOverride_GoesToThatDatacenter()
    {
        await _client.Kv.PutAsync("dc/a", "1"u8.ToArray(), new KvPutOptions { Datacenter = "dc1" });

        (await _client.Kv.GetAsync("dc/a", new QueryOptions { Datacenter = "dc1" })).Value.ShouldNotBeNull();
        var ex = await Should.ThrowAsync<ConsulHttpException>(() => _client.Kv.GetAsync("dc/a", new QueryOptions { Datacenter = "dc-nowhere" }));
        ex.Detail.ShouldBe("No path to datacenter");
        await Should.ThrowAsync<ConsulHttpException>(() => _client.Kv.PutAsync("dc/a", default, new KvPutOptions { Datacenter = "dc-nowhere" }));
    }

    [Fact]
    public async Task DroppedConnection_IsARetryableTransportError()
    {
        _agent.Faults.DropConnections = true;

        var ex = await Should.ThrowAsync<ConsulTransportException>(() => _client.Kv.GetAsync("x"));

        ex.IsRetryable.ShouldBeTrue();
    }

    [Fact]
    public async Task FailNext_RateLimited_IsTypedAndRetryable()
    {
        _agent.Faults.FailNext(1, 429, "rate limit exceeded");

        var ex = await Should.ThrowAsync<ConsulRateLimitedException>(() => _client.Kv.GetAsync("x"));

        ex.IsRetryable.ShouldBeTrue();
        (await _client.Kv.GetAsync("x")).Value.ShouldBeNull();
    }

    [Fact]
    public async Task AclDenied_IsTypedNotTokenNotFound()
    {
        _agent.Faults.AclDenied = true;

        var ex = await Should.ThrowAsync<ConsulAclException>(() => _client.Kv.GetAsync("x"));

        ex.Kind.ShouldBe(ConsulErrorKind.AclDenied);
    }

    [Fact]
    public async Task RequiredToken_SentAsHeaderAndNeverInErrors()
    {
        const string token = "9a3c1c1e-4f61-4fb4-a3c2-2a6f0c7d9e11";
        const string wrongToken = "0b7e2d44-1c8a-4c55-9f0e-7d3b5a6c8e22";
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions { RequiredToken = token });
        using var good = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString(), Token = token });
        using var bad = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString(), Token = wrongToken });
        using var none = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });

        (await good.Kv.PutAsync("secret/a", "1"u8.ToArray())).ShouldBeTrue();
        (await good.Kv.GetAsync("secret/a")).Value.ShouldNotBeNull();

        var wrong = await Should.ThrowAsync<ConsulAclException>(() => bad.Kv.PutAsync("secret/a", "2"u8.ToArray()));
        wrong.IsTokenNotFound.ShouldBeTrue();
        wrong.ToString().ShouldNotContain(wrongToken);
        wrong.ToString().ShouldNotContain(token);
        var missing = await Should.ThrowAsync<ConsulAclException>(() => none.Kv.GetAsync("secret/a"));
        missing.IsTokenNotFound.ShouldBeTrue();
    }

    private async Task RegisterServiceAsync(string name, string id, string ttlCheckId)
    {
        using var http = new HttpClient { BaseAddress = _agent.Address };
        var body = $$$"""{"ID":"{{{id}}}","Name":"{{{name}}}","Tags":["v1"],"Port":8080,"Check":{"CheckID":"{{{ttlCheckId}}}","Name":"ttl","TTL":"60s","Status":"passing"}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("v1/agent/service/register", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
