using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// The headers the daemon reads (index, leader, last contact, consistency), the consistency flags it sends, and what
/// the health endpoint answers for states it never sends.
/// </summary>
public abstract class ConsistencyContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableTheory]
    [InlineData("v1/health/state/any")]
    [InlineData("v1/catalog/nodes")]
    [InlineData("v1/session/list")]
    public async Task ServerRead_Default_SendsIndexKnownLeaderAndZeroLastContact(string path)
    {
        using var response = await GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        IndexOf(response).ShouldBeGreaterThan(0UL);
        Header(response, "X-Consul-KnownLeader").ShouldBe("true");
        Header(response, "X-Consul-LastContact").ShouldBe("0", "the leader answers, so it heard from itself just now");
    }

    [SkippableFact]
    public async Task KvRead_Stale_AnswersWithLeaderHeaders()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await GetAsync($"v1/kv/{Key("a")}?stale");

        (await ExpectArrayAsync(response)).Count.ShouldBe(1);
        Header(response, "X-Consul-KnownLeader").ShouldBe("true");
        Header(response, "X-Consul-LastContact").ShouldNotBeNull();
    }

    [SkippableFact]
    public async Task KvRecurse_Consistent_ReturnsEveryKey()
    {
        await PutKvAsync(Key("dir/a"), "1");
        await PutKvAsync(Key("dir/b"), "2");

        using var response = await GetAsync($"v1/kv/{Key("dir/")}?recurse&consistent");

        (await ExpectArrayAsync(response)).Count.ShouldBe(2);
        Header(response, "X-Consul-KnownLeader").ShouldBe("true");
    }

    [SkippableTheory]
    [InlineData("", "leader")]
    [InlineData("?stale", "stale")]
    [InlineData("?consistent", "consistent")]
    public async Task HealthState_ConsistencyFlag_IsReportedAsEffectiveConsistency(string query, string consistency)
    {
        using var response = await GetAsync($"v1/health/state/any{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-Effective-Consistency").ShouldBe(consistency);
    }

    [SkippableFact]
    public async Task HealthState_StaleAndConsistent_Returns400ConflictingSemantics()
    {
        using var response = await GetAsync("v1/health/state/any?stale&consistent");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Cannot specify ?stale with ?consistent, conflicting semantics.");
    }

    [SkippableFact]
    public async Task HealthState_UnknownState_Returns200EmptyArray()
    {
        using var response = await GetAsync("v1/health/state/sleeping");

        (await ExpectArrayAsync(response)).Count.ShouldBe(0);
        IndexOf(response).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task HealthState_UppercaseState_MatchesCaseInsensitively()
    {
        var node = await Agent.NodeNameAsync();

        using var response = await GetAsync("v1/health/state/PASSING");

        var checks = await ExpectArrayAsync(response);
        Objects(checks).ShouldContain(c => Str(c["Node"]) == node && Str(c["CheckID"]) == "serfHealth");
        Objects(checks).Select(c => Str(c["Status"])).ShouldAllBe(s => s == "passing");
    }

    [SkippableFact]
    public async Task HealthService_BadPassingValue_Returns400InvalidValue()
    {
        using var response = await GetAsync($"v1/health/service/{Unique("svc")}?passing=maybe");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Invalid value for ?passing");
    }

    [SkippableFact]
    public async Task AgentEndpoint_SendsNoIndexOrLeaderHeaders()
    {
        using var response = await GetAsync("v1/agent/checks");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-Index").ShouldBeNull();
        Header(response, "X-Consul-KnownLeader").ShouldBeNull();
    }

    [SkippableFact]
    public async Task AnyAnswer_SendsDefaultAclPolicyHeader()
    {
        using var response = await GetAsync("v1/agent/self");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-Default-ACL-Policy").ShouldBe("allow");
    }

    [SkippableFact]
    public async Task Read_StaleWithBadMaxStale_Returns400()
    {
        using var response = await GetAsync($"v1/kv/{Key("a")}?stale&max_stale=soon");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Invalid max_stale value \"soon\"");
    }

    [SkippableFact]
    public async Task Read_UnknownDatacenter_Returns500NoPathToDatacenter()
    {
        using var response = await GetAsync($"v1/health/state/any?dc=nowhere-{Id[..8]}");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe("No path to datacenter");
    }

    [SkippableFact]
    public async Task AgentServices_ListsOnlyLocallyRegisteredServices()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await GetAsync("v1/agent/services");

        var services = (await ExpectJsonAsync(response))!.AsObject();
        services.ContainsKey(service).ShouldBeTrue();
        services.ContainsKey("consul").ShouldBeFalse("the servers' own consul service is in the catalog, not the agent");
    }
}
