using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class AgentContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task ServiceRegister_TtlCheckWithoutStatusOrId_StartsCriticalAsServiceCheck()
    {
        var service = await RegisterTtlServiceAsync();

        var checks = await AgentChecksAsync();

        checks.ContainsKey($"service:{service}").ShouldBeTrue();
        var check = checks[$"service:{service}"]!;
        Str(check["CheckID"]).ShouldBe($"service:{service}");
        Str(check["Name"]).ShouldBe($"Service '{service}' check");
        Str(check["Status"]).ShouldBe("critical");
        Str(check["ServiceID"]).ShouldBe(service);
        Str(check["ServiceName"]).ShouldBe(service);
        Str(check["Node"]).ShouldBe(await Agent.NodeNameAsync());
    }

    [SkippableFact]
    public async Task ServiceRegister_TtlCheckWithStatus_StartsWithThatStatus()
    {
        var service = Unique("svc");

        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"TTL":"60s","Status":"passing"}}""");

        Str((await AgentChecksAsync())[$"service:{service}"]!["Status"]).ShouldBe("passing");
    }

    [SkippableFact]
    public async Task ServiceRegister_AgainAfterItsTtlCheckFailed_KeepsCriticalOverTheStatusGiven()
    {
        var service = Unique("svc");
        var body = $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"CheckID":"{{{service}}}-ttl","TTL":"60s","Status":"passing"}}""";
        await RegisterServiceAsync(service, body);
        using (var fail = await PutAsync($"v1/agent/check/fail/{service}-ttl"))
        {
            await ExpectStatusAsync(fail, HttpStatusCode.OK);
        }

        await RegisterServiceAsync(service, body);

        Str((await AgentChecksAsync())[$"{service}-ttl"]!["Status"]).ShouldBe("critical", "a re-registered TTL check keeps the status it had");
        using (var pass = await PutAsync($"v1/agent/check/pass/{service}-ttl"))
        {
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        Str((await AgentChecksAsync())[$"{service}-ttl"]!["Status"]).ShouldBe("passing");
    }

    [SkippableFact]
    public async Task ServiceRegister_SeveralChecksWithoutIds_NumbersThemFromOne()
    {
        var service = Unique("svc");

        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Checks":[{"TTL":"60s"},{"TTL":"60s"}]}""");

        var checks = await AgentChecksAsync();
        checks.ContainsKey($"service:{service}:1").ShouldBeTrue();
        checks.ContainsKey($"service:{service}:2").ShouldBeTrue();
        checks.ContainsKey($"service:{service}").ShouldBeFalse();
    }

    [SkippableFact]
    public async Task ServiceRegister_ExplicitCheckId_IsKept()
    {
        var service = Unique("svc");
        var checkId = Unique("chk");

        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"CheckID":"{{{checkId}}}","Name":"custom","TTL":"60s"}}""");

        var check = (await AgentChecksAsync())[checkId];
        check.ShouldNotBeNull();
        Str(check["Name"]).ShouldBe("custom");
        Str(check["ServiceID"]).ShouldBe(service);
    }

    [SkippableFact]
    public async Task Checks_Response_IsObjectKeyedByCheckId()
    {
        await RegisterTtlServiceAsync();

        var checks = await AgentChecksAsync();

        checks.Count.ShouldBeGreaterThan(0);
        foreach (var (key, value) in checks)
        {
            Str(value!["CheckID"]).ShouldBe(key);
        }
    }

    [SkippableFact]
    public async Task Checks_ListsOnlyAgentLocalChecksNotSerfHealth()
    {
        // serfHealth lives in the catalog (kept by the servers), not in the agent's local state.
        await RegisterTtlServiceAsync();

        var checks = await AgentChecksAsync();

        checks.ContainsKey("serfHealth").ShouldBeFalse();
    }

    [SkippableTheory]
    [InlineData("pass", "passing")]
    [InlineData("warn", "warning")]
    [InlineData("fail", "critical")]
    public async Task CheckTtlUpdate_WithNote_SetsStatusAndOutput(string verb, string status)
    {
        var service = await RegisterTtlServiceAsync();
        if (verb == "fail")
        {
            using var pass = await PutAsync($"v1/agent/check/pass/service:{service}");
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        using var response = await PutAsync($"v1/agent/check/{verb}/service:{service}?note=note-{verb}");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
        var check = (await AgentChecksAsync())[$"service:{service}"]!;
        Str(check["Status"]).ShouldBe(status);
        Str(check["Output"]).ShouldBe($"note-{verb}");
    }

    [SkippableFact]
    public async Task TtlCheck_NotUpdatedWithinTtl_TurnsCriticalWithTtlExpiredOutput()
    {
        var checkId = Unique("chk");
        await RegisterCheckAsync(checkId, $$$"""{"Name":"{{{checkId}}}","ID":"{{{checkId}}}","TTL":"2s","Status":"passing"}""");

        var checks = await EventuallyAsync(
            AgentChecksAsync,
            c => Str(c[checkId]?["Status"]) == "critical",
            TimeSpan.FromSeconds(20));

        var check = checks[checkId];
        check.ShouldNotBeNull();
        Str(check["Status"]).ShouldBe("critical");
        Str(check["Output"]).ShouldNotBeNull().ShouldStartWith("TTL expired");
    }

    [SkippableFact]
    public async Task CheckUpdate_WithBody_SetsStatusAndOutput()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await PutJsonAsync($"v1/agent/check/update/service:{service}", """{"Status":"warning","Output":"disk 91%"}""");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
        var check = (await AgentChecksAsync())[$"service:{service}"]!;
        Str(check["Status"]).ShouldBe("warning");
        Str(check["Output"]).ShouldBe("disk 91%");
    }

    [SkippableFact]
    public async Task CheckPass_WithGet_Returns405WithAllowHeader()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await GetAsync($"v1/agent/check/pass/service:{service}");

        await ExpectStatusAsync(response, HttpStatusCode.MethodNotAllowed);
        var allow = Header(response, "Allow");
        allow.ShouldNotBeNull();
        allow.ShouldContain("PUT");
        Str((await AgentChecksAsync())[$"service:{service}"]!["Status"]).ShouldBe("critical");
    }

    [SkippableFact]
    public async Task ServiceDeregister_RemovesServiceAndItsChecks()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await PutAsync($"v1/agent/service/deregister/{service}");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
        (await AgentChecksAsync()).ContainsKey($"service:{service}").ShouldBeFalse();
        var health = await HealthChecksWhenAsync(service, a => a.Count == 0);
        health.Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task CheckRegister_StandaloneTtlCheck_StartsCriticalAndDeregisters()
    {
        var checkId = Unique("chk");

        await RegisterCheckAsync(checkId, $$$"""{"Name":"{{{checkId}}}","ID":"{{{checkId}}}","TTL":"60s","Notes":"contract"}""");

        var check = (await AgentChecksAsync())[checkId];
        check.ShouldNotBeNull();
        Str(check["Status"]).ShouldBe("critical");
        (Str(check["ServiceID"]) ?? string.Empty).ShouldBeEmpty();
        Str(check["Notes"]).ShouldBe("contract");

        using var response = await PutAsync($"v1/agent/check/deregister/{checkId}");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
        (await AgentChecksAsync()).ContainsKey(checkId).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task Self_Config_ReportsDatacenterAndNodeNameOfRegisteredNode()
    {
        using var response = await GetAsync("v1/agent/self");

        var self = await ExpectJsonAsync(response);
        var datacenter = Str(self!["Config"]!["Datacenter"]);
        var nodeName = Str(self["Config"]!["NodeName"]);
        datacenter.ShouldNotBeNullOrEmpty();
        nodeName.ShouldNotBeNullOrEmpty();
        using var nodes = await GetAsync("v1/catalog/nodes");
        var node = Objects(await ExpectArrayAsync(nodes)).SingleOrDefault(n => Str(n["Node"]) == nodeName);
        node.ShouldNotBeNull("agent/self's NodeName must be a catalog node");
        Str(node["Datacenter"]).ShouldBe(datacenter);
    }
}
