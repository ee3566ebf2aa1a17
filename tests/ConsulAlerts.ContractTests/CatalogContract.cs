using System.Net;
using System.Text.Json.Nodes;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class CatalogContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Nodes_IncludesAgentNodeWithAddress()
    {
        var nodeName = await Agent.NodeNameAsync();

        using var response = await GetAsync("v1/catalog/nodes");

        IndexOf(response).ShouldBeGreaterThan(0UL);
        var node = Objects(await ExpectArrayAsync(response)).SingleOrDefault(n => Str(n["Node"]) == nodeName);
        node.ShouldNotBeNull();
        Str(node["Address"]).ShouldNotBeNullOrEmpty();
    }

    [SkippableFact]
    public async Task Services_IsObjectMappingNameToTags()
    {
        var service = await RegisterTtlServiceAsync("""["v1","blue"]""");

        var services = await EventuallyAsync(
            async () =>
            {
                using var response = await GetAsync("v1/catalog/services");
                return (await ExpectJsonAsync(response))!.AsObject();
            },
            o => o.ContainsKey(service));

        services.ContainsKey(service).ShouldBeTrue();
        Strings(services[service]!.AsArray()).ShouldBe(["v1", "blue"], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Node_AgentNode_ListsServicesKeyedById()
    {
        var service = await RegisterTtlServiceAsync("""["v1"]""");
        var nodeName = await Agent.NodeNameAsync();

        var body = await EventuallyAsync(
            async () =>
            {
                using var response = await GetAsync($"v1/catalog/node/{nodeName}");
                return (await ExpectJsonAsync(response))!.AsObject();
            },
            o => o["Services"]?.AsObject().ContainsKey(service) == true);

        Str(body["Node"]!["Node"]).ShouldBe(nodeName);
        var entry = body["Services"]![service];
        entry.ShouldNotBeNull();
        Str(entry["ID"]).ShouldBe(service);
        Str(entry["Service"]).ShouldBe(service);
        Strings(entry["Tags"]!.AsArray()).ShouldBe(["v1"]);
        U64(entry["Port"]).ShouldBe(8080UL);
    }

    [SkippableFact]
    public async Task Node_UnknownNode_Returns200WithNullBody()
    {
        using var response = await GetAsync($"v1/catalog/node/{Unique("node")}");

        var body = await ExpectStatusAsync(response, HttpStatusCode.OK);
        JsonNode.Parse(body).ShouldBeNull();
    }
}
