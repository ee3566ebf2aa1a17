using System.Net;
using System.Text.Json.Nodes;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.DevAgent.Datacenters;

// Real answers modelled (Consul 1.10.12, two and three `agent -dev` joined over the WAN): ?dc= of an unknown
// datacenter is 500 "No path to datacenter" at once; once a remote datacenter's server is killed, the first read is
// 500 "rpc error making call: stream closed" and every later one, within ~20 ms, 500 "rpc error getting client: failed
// to get conn: dial tcp 127.0.0.1:0->127.0.0.1:<its server port>: connect: connection refused" (still so 25 s later),
// while /v1/catalog/datacenters keeps listing it. A remote server that hangs (SIGSTOP) makes reads fail only after
// ~40 s with 500 "rpc error making call: EOF"; the dev agent does not model that.
public sealed class DevAgentDatacentersTests
{
    private static DevAgentOptions TwoDatacenters => new() { Datacenters = ["dc2"] };

    [Fact]
    public async Task UnreachableDatacenter_SetOverHttp_AnswersTheDialErrorAndClearsWithDelete()
    {
        await using var agent = await TestAgent.StartAsync(TwoDatacenters);

        var put = await agent.PutAsync("/_dev/faults", """{"UnreachableDatacenters":["dc2"]}""");
        var refused = await agent.GetAsync("/v1/kv/x?dc=dc2");
        await agent.SendAsync(HttpMethod.Delete, "/_dev/faults");
        var after = await agent.GetAsync("/v1/kv/x?dc=dc2");

        JsonNode.Parse(put.Body)!["UnreachableDatacenters"]!.AsArray().Single()!.GetValue<string>().ShouldBe("dc2");
        refused.Status.ShouldBe(HttpStatusCode.InternalServerError);
        refused.Body.ShouldBe("rpc error getting client: failed to get conn: dial tcp 127.0.0.1:0->127.0.0.1:8300: connect: connection refused");
        after.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NoLeader_RemoteDatacenter_StillAnswersWithItsLeader()
    {
        await using var agent = await TestAgent.StartAsync(TwoDatacenters);
        agent.Server.Faults.NoLeader = true;

        var remote = await agent.GetAsync("/v1/kv/x?dc=dc2");
        var local = await agent.GetAsync("/v1/kv/x");
        var remoteLeader = await agent.GetAsync("/v1/status/leader?dc=dc2");

        remote.Status.ShouldBe(HttpStatusCode.NotFound);
        local.Body.ShouldBe("No cluster leader");
        remoteLeader.Body.ShouldBe("\"127.0.0.1:8300\"");
    }

    [Fact]
    public async Task ServersOf_RemoteDatacenter_ChangesOnlyItsOperatorView()
    {
        await using var agent = await TestAgent.StartAsync(TwoDatacenters);

        agent.Server.ServersOf("dc2").Set([new() { Name = "r1", Address = "127.0.0.1:9301" }, new() { Name = "r2", Address = "127.0.0.1:9302" }]);
        var hookView = JsonNode.Parse((await agent.GetAsync("/_dev/servers?dc=dc2")).Body)!.AsArray();

        (await agent.GetAsync("/v1/status/peers?dc=dc2")).Body.ShouldBe("""["127.0.0.1:9301","127.0.0.1:9302"]""");
        (await agent.GetAsync("/v1/status/peers")).Body.ShouldBe("""["127.0.0.1:8300"]""");
        hookView.Count.ShouldBe(2);
        (await agent.GetAsync("/_dev/servers?dc=nowhere")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        Should.Throw<ArgumentException>(() => agent.Server.ServersOf("nowhere"));
    }

    [Fact]
    public async Task RemoteDatacenter_Catalog_HoldsItsOwnServerNode()
    {
        await using var agent = await TestAgent.StartAsync(TwoDatacenters);

        var nodes = JsonNode.Parse((await agent.GetAsync("/v1/catalog/nodes?dc=dc2")).Body)!.AsArray();

        nodes.Single()!["Node"]!.GetValue<string>().ShouldBe("dev-agent-dc2");
        nodes.Single()!["Datacenter"]!.GetValue<string>().ShouldBe("dc2");
    }

    [Fact]
    public async Task Datacenters_Extra_ListedAfterTheLocalOneByName()
    {
        await using var agent = await TestAgent.StartAsync(new DevAgentOptions { Datacenter = "east", Datacenters = ["west", "central"] });

        (await agent.GetAsync("/v1/catalog/datacenters")).Body.ShouldBe("""["east","central","west"]""");
    }

    [Fact]
    public async Task UnreachableDatacenter_BlockingReadUnderWay_EndsWithStreamClosed()
    {
        await using var agent = await TestAgent.StartAsync(TwoDatacenters);
        var index = (await agent.GetAsync("/v1/health/state/any?dc=dc2")).Index;
        var blocking = agent.GetAsync($"/v1/health/state/any?dc=dc2&index={index}&wait=5m");
        await Task.Delay(200);
        blocking.IsCompleted.ShouldBeFalse("the read blocks while nothing changes");

        agent.Server.Faults.UnreachableDatacenters = ["dc2"];
        var ended = await blocking.WaitAsync(TimeSpan.FromSeconds(10));

        ended.Status.ShouldBe(HttpStatusCode.InternalServerError);
        ended.Body.ShouldBe("rpc error making call: stream closed");
    }

    [Theory]
    [InlineData("dc1")]
    [InlineData("")]
    public async Task StartAsync_DuplicateOrEmptyDatacenter_Throws(string extra)
    {
        await Should.ThrowAsync<ArgumentException>(() => DevAgentServer.StartAsync(new DevAgentOptions { Datacenters = [extra] }));
    }
}
