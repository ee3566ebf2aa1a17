using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>Node and service maintenance mode: the critical <c>_node_maintenance</c> and <c>_service_maintenance:id</c> checks the daemon must show but never page.</summary>
public abstract class MaintenanceContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private static bool Has(IEnumerable<System.Text.Json.Nodes.JsonObject> checks, string checkId) => checks.Any(c => Str(c["CheckID"]) == checkId);

    [SkippableFact]
    public async Task NodeMaintenance_EnableThenDisable_AddsAndRemovesCriticalCheckWithReason()
    {
        var node = await Agent.NodeNameAsync();
        try
        {
            using (var enable = await PutAsync($"v1/agent/maintenance?enable=true&reason={Id[..8]}"))
            {
                await ExpectStatusAsync(enable, HttpStatusCode.OK);
            }

            var check = (await AgentChecksAsync())["_node_maintenance"];
            check.ShouldNotBeNull();
            Str(check["Status"]).ShouldBe("critical");
            Str(check["Notes"]).ShouldBe(Id[..8]);
            Str(check["ServiceID"]).ShouldBe(string.Empty);
            var health = await EventuallyAsync(
                async () =>
                {
                    using var response = await GetAsync($"v1/health/node/{node}");
                    return Objects(await ExpectArrayAsync(response)).ToList();
                },
                c => Has(c, "_node_maintenance"));
            Has(health, "_node_maintenance").ShouldBeTrue();
        }
        finally
        {
            using var disable = await PutAsync("v1/agent/maintenance?enable=false");
            await ExpectStatusAsync(disable, HttpStatusCode.OK);
        }

        (await AgentChecksAsync()).ContainsKey("_node_maintenance").ShouldBeFalse();
    }

    [SkippableFact]
    public async Task ServiceMaintenance_Enable_AddsCriticalCheckOfThatService()
    {
        var service = Unique("svc");
        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"TTL":"60s","Status":"passing"}}""");

        using (var enable = await PutAsync($"v1/agent/service/maintenance/{service}?enable=true"))
        {
            await ExpectStatusAsync(enable, HttpStatusCode.OK);
        }

        var checks = await HealthChecksWhenAsync(service, a => Has(Objects(a).ToList(), $"_service_maintenance:{service}"));
        var maintenance = Objects(checks).Single(c => Str(c["CheckID"]) == $"_service_maintenance:{service}");
        Str(maintenance["Status"]).ShouldBe("critical");
        Str(maintenance["ServiceID"]).ShouldBe(service);
        Str(maintenance["Name"]).ShouldBe("Service Maintenance Mode");
        Str(maintenance["Notes"]).ShouldNotBeNullOrEmpty("a default reason is filled in");

        using (var disable = await PutAsync($"v1/agent/service/maintenance/{service}?enable=false"))
        {
            await ExpectStatusAsync(disable, HttpStatusCode.OK);
        }

        (await AgentChecksAsync()).ContainsKey($"_service_maintenance:{service}").ShouldBeFalse();
    }

    [SkippableFact]
    public async Task ServiceMaintenance_UnknownService_Returns404()
    {
        var service = Unique("svc");

        using var response = await PutAsync($"v1/agent/service/maintenance/{service}?enable=true");

        (await ExpectStatusAsync(response, HttpStatusCode.NotFound)).ShouldBe($"No service registered with ID \"{service}\"");
    }

    [SkippableTheory]
    [InlineData("", "Missing value for enable")]
    [InlineData("?enable=maybe", "Invalid value for enable: \"maybe\"")]
    public async Task NodeMaintenance_BadEnable_Returns400(string query, string message)
    {
        using var response = await PutAsync($"v1/agent/maintenance{query}");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe(message);
    }
}
