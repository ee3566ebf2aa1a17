using System.Diagnostics;
using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// Requests for another datacenter (<c>?dc=</c>) through the local agent: each datacenter has its own data and indexes,
/// an unknown one is refused, an unreachable one fails fast, and catalog writes follow the body's Datacenter.
/// </summary>
public abstract class MultiDatacenterContract(WanAgentFixture agent) : ContractTestBase(agent)
{
    private const string Remote = WanAgentFixture.Remote;

    private WanAgentFixture Wan { get; } = agent;

    [SkippableFact]
    public async Task Datacenters_ThreeJoined_ListsAllLocalFirst()
    {
        using var response = await GetAsync("v1/catalog/datacenters");

        var names = Strings(await ExpectArrayAsync(response)).ToList();
        names[0].ShouldBe(WanAgentFixture.Local);
        names.ShouldBe([WanAgentFixture.Local, Remote, WanAgentFixture.Doomed], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task KvPut_OtherDatacenter_IsReadThereAndNotLocally()
    {
        (await PutKvAsync(Key("a"), "remote", $"dc={Remote}")).ShouldBeTrue();

        ValueOf((await GetKvAsync(Key("a"), $"dc={Remote}"))!).ShouldBe("remote");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task KvPut_OtherDatacenter_MovesItsIndexNotTheLocalOne()
    {
        using var localBefore = await GetAsync($"v1/kv/{Key("local")}");
        var before = IndexOf(localBefore);

        await PutKvAsync(Key("a"), "remote", $"dc={Remote}");

        using var remote = await GetAsync($"v1/kv/{Key("a")}?dc={Remote}");
        using var localAfter = await GetAsync($"v1/kv/{Key("local")}");
        var entry = (await ExpectArrayAsync(remote))[0]!;
        IndexOf(remote).ShouldBe(U64(entry["ModifyIndex"]));
        IndexOf(localAfter).ShouldBe(before);
    }

    [SkippableFact]
    public async Task KvBlockingGet_OtherDatacenter_WakesOnAWriteThere()
    {
        await PutKvAsync(Key("a"), "1", $"dc={Remote}");
        using var first = await GetAsync($"v1/kv/{Key("a")}?dc={Remote}");
        var index = IndexOf(first);

        var watch = Stopwatch.StartNew();
        var blocking = GetAsync($"v1/kv/{Key("a")}?dc={Remote}&index={index}&wait=20s");
        await Task.Delay(300);
        await PutKvAsync(Key("a"), "2", $"dc={Remote}");
        using var woken = await blocking;

        ValueOf((await ExpectArrayAsync(woken))[0]!.AsObject()).ShouldBe("2");
        IndexOf(woken).ShouldBeGreaterThan(index);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [SkippableTheory]
    [InlineData("v1/kv/x?dc=nowhere")]
    [InlineData("v1/catalog/nodes?dc=nowhere")]
    [InlineData("v1/health/state/any?dc=nowhere")]
    [InlineData("v1/status/leader?dc=nowhere")]
    [InlineData("v1/operator/raft/configuration?dc=nowhere")]
    public async Task Read_UnknownDatacenter_Returns500NoPathToDatacenter(string path)
    {
        using var response = await GetAsync(path);

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe("No path to datacenter");
    }

    [SkippableFact]
    public async Task CatalogNodes_OtherDatacenter_ListsItsServerWithItsDatacenter()
    {
        using var remote = await GetAsync($"v1/catalog/nodes?dc={Remote}");
        using var health = await GetAsync($"v1/health/state/passing?dc={Remote}");

        var localNode = await Agent.NodeNameAsync();
        var nodes = Objects(await ExpectArrayAsync(remote)).ToList();
        nodes.ShouldNotBeEmpty();
        nodes.ShouldAllBe(n => Str(n["Datacenter"]) == Remote);
        nodes.ShouldNotContain(n => Str(n["Node"]) == localNode);
        var checks = Objects(await ExpectArrayAsync(health)).ToList();
        checks.ShouldContain(c => Str(c["CheckID"]) == "serfHealth" && Str(c["Node"]) == Str(nodes[0]["Node"]));
    }

    [SkippableFact]
    public async Task CatalogRegister_BodyDatacenter_RegistersThereAndDeregistersThere()
    {
        var node = Unique("node");

        using var register = await PutJsonAsync("v1/catalog/register", $$$"""{"Datacenter":"{{{Remote}}}","Node":"{{{node}}}","Address":"10.0.0.1"}""");
        await ExpectStatusAsync(register, HttpStatusCode.OK);
        var remoteAfterRegister = await NodeNamesAsync(Remote);
        var localAfterRegister = await NodeNamesAsync(null);
        using var deregister = await PutJsonAsync("v1/catalog/deregister", $$$"""{"Datacenter":"{{{Remote}}}","Node":"{{{node}}}"}""");
        await ExpectStatusAsync(deregister, HttpStatusCode.OK);

        remoteAfterRegister.ShouldContain(node);
        localAfterRegister.ShouldNotContain(node);
        (await NodeNamesAsync(Remote)).ShouldNotContain(node);
    }

    [SkippableFact]
    public async Task CatalogRegister_DcQueryParameter_IsIgnoredAndRegistersLocally()
    {
        var node = Unique("node");

        using var register = await PutJsonAsync($"v1/catalog/register?dc={Remote}", $$$"""{"Node":"{{{node}}}","Address":"10.0.0.1"}""");
        await ExpectStatusAsync(register, HttpStatusCode.OK);
        var local = await NodeNamesAsync(null);
        var remote = await NodeNamesAsync(Remote);
        using var deregister = await PutJsonAsync("v1/catalog/deregister", $$$"""{"Node":"{{{node}}}"}""");

        local.ShouldContain(node);
        remote.ShouldNotContain(node);
    }

    [SkippableFact]
    public async Task CatalogRegister_UnknownBodyDatacenter_Returns500NoPathToDatacenter()
    {
        using var response = await PutJsonAsync("v1/catalog/register", $$$"""{"Datacenter":"nowhere","Node":"{{{Unique("node")}}}","Address":"10.0.0.1"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe("No path to datacenter");
    }

    [SkippableFact]
    public async Task OperatorAndStatus_OtherDatacenter_DescribeItsOwnServer()
    {
        using var raft = await GetAsync($"v1/operator/raft/configuration?dc={Remote}");
        using var leader = await GetAsync($"v1/status/leader?dc={Remote}");
        using var remoteNodes = await GetAsync($"v1/catalog/nodes?dc={Remote}");

        var server = (await ExpectJsonAsync(raft))!["Servers"]!.AsArray().Single()!;
        Str(server["Node"]).ShouldBe(Str((await ExpectArrayAsync(remoteNodes))[0]!["Node"]));
        server["Leader"]!.GetValue<bool>().ShouldBeTrue();
        Str(await ExpectJsonAsync(leader)).ShouldBe(Str(server["Address"]));
    }

    [SkippableFact]
    public async Task Read_UnreachableDatacenter_Returns500RpcErrorFastAndStaysListed()
    {
        // A blocking read under way when the servers die ends at once with the broken stream's error.
        using var before = await GetAsync($"v1/health/state/any?dc={WanAgentFixture.Doomed}");
        var blocking = GetAsync($"v1/health/state/any?dc={WanAgentFixture.Doomed}&index={IndexOf(before)}&wait=60s");
        await Task.Delay(300);
        var killed = Stopwatch.StartNew();
        await Wan.MakeDoomedUnreachableAsync();
        using var ended = await blocking.WaitAsync(TimeSpan.FromSeconds(30));
        var endedAfter = killed.Elapsed;

        // The first call after the servers died may still find a pooled connection ("stream closed"); the next dials.
        using var first = await GetAsync($"v1/kv/x?dc={WanAgentFixture.Doomed}");
        var (second, elapsed) = await TimedGetAsync($"v1/kv/x?dc={WanAgentFixture.Doomed}");
        using var datacenters = await GetAsync("v1/catalog/datacenters");

        (await ExpectStatusAsync(first, HttpStatusCode.InternalServerError)).ShouldStartWith("rpc error");
        var body = await ExpectStatusAsync(second, HttpStatusCode.InternalServerError);
        body.ShouldStartWith("rpc error getting client: failed to get conn: dial tcp ");
        body.ShouldEndWith(": connect: connection refused");
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        Strings(await ExpectArrayAsync(datacenters)).ShouldContain(WanAgentFixture.Doomed);
        (await ExpectStatusAsync(ended, HttpStatusCode.InternalServerError)).ShouldStartWith("rpc error making call: ");
        endedAfter.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        second.Dispose();
    }

    private async Task<List<string>> NodeNamesAsync(string? datacenter)
    {
        using var response = await GetAsync(datacenter is null ? "v1/catalog/nodes" : $"v1/catalog/nodes?dc={datacenter}");
        return [.. Objects(await ExpectArrayAsync(response)).Select(n => Str(n["Node"])!)];
    }
}
