using System.Net;
using System.Text.Json.Nodes;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class HealthContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private async Task<JsonArray> HealthAsync(string path)
    {
        using var response = await GetAsync(path);
        IndexOf(response).ShouldBeGreaterThan(0UL);
        return await ExpectArrayAsync(response);
    }

    private static bool HasCheck(JsonArray checks, string checkId) => Objects(checks).Any(c => Str(c["CheckID"]) == checkId);

    [SkippableFact]
    public async Task StateAny_IncludesAgentSerfHealthWithEmptyServiceFields()
    {
        var node = await Agent.NodeNameAsync();

        var checks = await HealthAsync("v1/health/state/any");

        var serf = Objects(checks).SingleOrDefault(c => Str(c["Node"]) == node && Str(c["CheckID"]) == "serfHealth");
        serf.ShouldNotBeNull();
        Str(serf["ServiceID"]).ShouldBe(string.Empty);
        Str(serf["ServiceName"]).ShouldBe(string.Empty);
        Str(serf["Status"]).ShouldBe("passing");
    }

    [SkippableFact]
    public async Task StateCritical_NewTtlCheck_IsListedAndEveryEntryIsCritical()
    {
        var service = await RegisterTtlServiceAsync();
        var checkId = $"service:{service}";

        var checks = await EventuallyAsync(() => HealthAsync("v1/health/state/critical"), a => HasCheck(a, checkId));

        HasCheck(checks, checkId).ShouldBeTrue();
        Objects(checks).Select(c => Str(c["Status"])).ShouldAllBe(s => s == "critical");
    }

    [SkippableFact]
    public async Task StatePassing_AfterCheckPasses_ListsItOnlyThere()
    {
        var service = await RegisterTtlServiceAsync();
        var checkId = $"service:{service}";
        using (var pass = await PutAsync($"v1/agent/check/pass/{checkId}"))
        {
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        var passing = await EventuallyAsync(() => HealthAsync("v1/health/state/passing"), a => HasCheck(a, checkId));

        HasCheck(passing, checkId).ShouldBeTrue();
        Objects(passing).Select(c => Str(c["Status"])).ShouldAllBe(s => s == "passing");
        HasCheck(await HealthAsync("v1/health/state/critical"), checkId).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task State_MissingState_Returns400()
    {
        using var response = await GetAsync("v1/health/state/");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Node_UnknownNode_ReturnsEmptyArrayNotNull()
    {
        (await HealthAsync($"v1/health/node/{Unique("node")}")).Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Checks_UnknownService_ReturnsEmptyArrayNotNull()
    {
        (await HealthAsync($"v1/health/checks/{Unique("svc")}")).Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Service_UnknownService_ReturnsEmptyArrayNotNull()
    {
        (await HealthAsync($"v1/health/service/{Unique("svc")}")).Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Checks_TaggedService_ReturnsHealthCheckShape()
    {
        var service = await RegisterTtlServiceAsync("""["v1","blue"]""");

        var checks = await HealthChecksWhenAsync(service, a => a.Count > 0);

        checks.Count.ShouldBe(1);
        var check = checks[0]!.AsObject();
        Str(check["Node"]).ShouldBe(await Agent.NodeNameAsync());
        Str(check["CheckID"]).ShouldBe($"service:{service}");
        Str(check["Name"]).ShouldNotBeNullOrEmpty();
        Str(check["Status"]).ShouldBe("critical");
        Str(check["ServiceID"]).ShouldBe(service);
        Str(check["ServiceName"]).ShouldBe(service);
        Strings(check["ServiceTags"]!.AsArray()).ShouldBe(["v1", "blue"], ignoreOrder: true);
        Str(check["Type"]).ShouldBe("ttl");
        check.ContainsKey("Output").ShouldBeTrue();
        check.ContainsKey("Notes").ShouldBeTrue();
        U64(check["CreateIndex"]).ShouldBeGreaterThan(0UL);
        U64(check["ModifyIndex"]).ShouldBeGreaterThanOrEqualTo(U64(check["CreateIndex"]));
    }

    [SkippableFact]
    public async Task Checks_UntaggedService_ServiceTagsIsEmptyArrayNotNull()
    {
        var service = await RegisterTtlServiceAsync();

        var checks = await HealthChecksWhenAsync(service, a => a.Count > 0);

        var tags = checks[0]!["ServiceTags"];
        tags.ShouldNotBeNull();
        tags.AsArray().Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task StateAny_TaggedServiceAndNodeChecks_ServiceTagsInRegistrationOrderAndEmptyForNodeChecks()
    {
        var service = await RegisterTtlServiceAsync("""["zeta","alpha","team-db"]""");
        var nodeCheck = Unique("nodecheck");
        await RegisterCheckAsync(nodeCheck, $$$"""{"ID":"{{{nodeCheck}}}","Name":"{{{nodeCheck}}}","TTL":"60s"}""");
        var node = await Agent.NodeNameAsync();

        var checks = await EventuallyAsync(() => HealthAsync("v1/health/state/any"), a => HasCheck(a, $"service:{service}") && HasCheck(a, nodeCheck));

        var tagged = Objects(checks).Single(c => Str(c["CheckID"]) == $"service:{service}");
        Strings(tagged["ServiceTags"]!.AsArray()).ShouldBe(["zeta", "alpha", "team-db"]);
        foreach (var id in new[] { "serfHealth", nodeCheck })
        {
            var untagged = Objects(checks).Single(c => Str(c["Node"]) == node && Str(c["CheckID"]) == id);
            untagged["ServiceTags"].ShouldNotBeNull($"{id}: ServiceTags is [], not null").AsArray().Count.ShouldBe(0);
        }
    }

    [SkippableFact]
    public async Task Checks_ServiceReregisteredWithOtherTags_ItsCheckShowsTheNewTags()
    {
        var service = await RegisterTtlServiceAsync("""["v1"]""");
        await HealthChecksWhenAsync(service, a => a.Count > 0);

        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Port":8080,"Tags":["v2","canary"],"Check":{"TTL":"60s"}}""");
        var checks = await HealthChecksWhenAsync(service, a => a.Count > 0 && Strings(a[0]!["ServiceTags"]!.AsArray()).Contains("v2"));

        Strings(checks.ShouldHaveSingleItem()!["ServiceTags"]!.AsArray()).ShouldBe(["v2", "canary"]);
    }

    [SkippableFact]
    public async Task NodeAndService_CatalogRegisteredNode_ServiceCheckCarriesTheServiceTagsNodeCheckNone()
    {
        var node = Unique("node");
        var service = Unique("svc");
        using (var register = await PutJsonAsync("v1/catalog/register", $$$"""
            {"Node":"{{{node}}}","Address":"127.0.0.9","Service":{"ID":"{{{service}}}","Service":"{{{service}}}","Tags":["b","a"],"Port":80},
             "Checks":[{"CheckID":"svc-check","Name":"svc check","Status":"critical","ServiceID":"{{{service}}}"},{"CheckID":"node-check","Name":"node check","Status":"passing"}]}
            """))
        {
            await ExpectStatusAsync(register, HttpStatusCode.OK);
        }

        try
        {
            var byNode = Objects(await HealthAsync($"v1/health/node/{node}")).ToDictionary(c => Str(c["CheckID"])!);
            Strings(byNode["svc-check"]["ServiceTags"]!.AsArray()).ShouldBe(["b", "a"]);
            byNode["node-check"]["ServiceTags"].ShouldNotBeNull().AsArray().Count.ShouldBe(0);

            var entry = Objects(await HealthAsync($"v1/health/service/{service}")).ShouldHaveSingleItem();
            Strings(entry["Service"]!["Tags"]!.AsArray()).ShouldBe(["b", "a"]);
            var checks = Objects(entry["Checks"]!.AsArray()).ToDictionary(c => Str(c["CheckID"])!);
            Strings(checks["svc-check"]["ServiceTags"]!.AsArray()).ShouldBe(["b", "a"]);
            checks["node-check"]["ServiceTags"].ShouldNotBeNull().AsArray().Count.ShouldBe(0);

            using var catalog = await GetAsync($"v1/catalog/service/{service}");
            Strings(Objects(await ExpectArrayAsync(catalog)).ShouldHaveSingleItem()["ServiceTags"]!.AsArray()).ShouldBe(["b", "a"]);
        }
        finally
        {
            using var deregister = await PutJsonAsync("v1/catalog/deregister", $$$"""{"Node":"{{{node}}}"}""");
        }
    }

    [SkippableFact]
    public async Task Checks_AfterCheckPassWithNote_ShowsPassingAndOutput()
    {
        var service = await RegisterTtlServiceAsync();
        using (var pass = await PutAsync($"v1/agent/check/pass/service:{service}?note=all-good"))
        {
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        var checks = await HealthChecksWhenAsync(service, a => a.Count > 0 && Str(a[0]!["Status"]) == "passing");

        Str(checks[0]!["Status"]).ShouldBe("passing");
        Str(checks[0]!["Output"]).ShouldBe("all-good");
    }

    [SkippableFact]
    public async Task Node_AgentNode_ListsSerfHealthAndServiceCheck()
    {
        var service = await RegisterTtlServiceAsync();
        var node = await Agent.NodeNameAsync();

        var checks = await EventuallyAsync(() => HealthAsync($"v1/health/node/{node}"), a => HasCheck(a, $"service:{service}"));

        HasCheck(checks, "serfHealth").ShouldBeTrue();
        HasCheck(checks, $"service:{service}").ShouldBeTrue();
        Objects(checks).Select(c => Str(c["Node"])).ShouldAllBe(n => n == node);
    }

    [SkippableFact]
    public async Task Service_RegisteredService_ReturnsNodeServiceAndChecks()
    {
        var service = await RegisterTtlServiceAsync("""["v1"]""");

        var entries = await EventuallyAsync(() => HealthAsync($"v1/health/service/{service}"), a => a.Count > 0);

        entries.Count.ShouldBe(1);
        var entry = entries[0]!;
        Str(entry["Node"]!["Node"]).ShouldBe(await Agent.NodeNameAsync());
        Str(entry["Service"]!["ID"]).ShouldBe(service);
        Str(entry["Service"]!["Service"]).ShouldBe(service);
        U64(entry["Service"]!["Port"]).ShouldBe(8080UL);
        HasCheck(entry["Checks"]!.AsArray(), $"service:{service}").ShouldBeTrue();
    }

    [SkippableFact]
    public async Task Service_PassingFlag_ExcludesInstancesWithCriticalCheck()
    {
        var service = await RegisterTtlServiceAsync();
        await EventuallyAsync(() => HealthAsync($"v1/health/service/{service}"), a => a.Count > 0);

        (await HealthAsync($"v1/health/service/{service}?passing")).Count.ShouldBe(0);

        using (var pass = await PutAsync($"v1/agent/check/pass/service:{service}"))
        {
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        var passing = await EventuallyAsync(() => HealthAsync($"v1/health/service/{service}?passing"), a => a.Count > 0);
        passing.Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Service_BadPassingValue_Returns400()
    {
        using var response = await GetAsync($"v1/health/service/{Unique("svc")}?passing=maybe");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Service_TagFilter_RequiresEveryTag()
    {
        var service = await RegisterTtlServiceAsync("""["v1","blue"]""");
        await EventuallyAsync(() => HealthAsync($"v1/health/service/{service}"), a => a.Count > 0);

        (await HealthAsync($"v1/health/service/{service}?tag=v1")).Count.ShouldBe(1);
        (await HealthAsync($"v1/health/service/{service}?tag=v1&tag=blue")).Count.ShouldBe(1);
        (await HealthAsync($"v1/health/service/{service}?tag=v2")).Count.ShouldBe(0);
        (await HealthAsync($"v1/health/service/{service}?tag=v1&tag=green")).Count.ShouldBe(0);
    }
}
