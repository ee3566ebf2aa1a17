using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Tests.Consul.Catalog;

public sealed class CatalogEndpointTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task NodeAsync_UnknownNode200Null_GivesNull()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("null", index: 5));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Catalog.NodeAsync("nope");

        result.Value.ShouldBeNull();
        result.LastIndex.ShouldBe(5ul);
    }

    [Fact]
    public async Task NodeAsync_KnownNode_GivesServicesById()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """{"Node":{"ID":"id1","Node":"n1","Address":"10.0.0.1","Datacenter":"dc1","TaggedAddresses":null,"Meta":{"rack":"a"}},"Services":{"web-1":{"ID":"web-1","Service":"web","Tags":null,"Port":8080,"Weights":{"Passing":1,"Warning":1}}}}"""));
        using var client = StubHttpHandler.Client(_stub);

        var node = (await client.Catalog.NodeAsync("n1")).Value.ShouldNotBeNull();

        node.Node.ShouldNotBeNull().Meta.ShouldNotBeNull()["rack"].ShouldBe("a");
        var web = node.Services["web-1"];
        web.Port.ShouldBe(8080);
        web.Tags.ShouldBeEmpty();
        web.Weights.ShouldNotBeNull().Passing.ShouldBe(1);
    }

    [Fact]
    public async Task ServicesAsync_Object_GivesNameToTags()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"consul":[],"web":["v1","v2"]}""", index: 3));
        using var client = StubHttpHandler.Client(_stub);

        var services = (await client.Catalog.ServicesAsync()).Value;

        services.Keys.ShouldBe(["consul", "web"], ignoreOrder: true);
        services["web"].ShouldBe(["v1", "v2"]);
    }

    [Fact]
    public async Task NodesAsync_WithStale_SendsStaleFlag()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""[{"Node":"n1","Address":"10.0.0.1"}]"""));
        using var client = StubHttpHandler.Client(_stub);

        var nodes = await client.Catalog.NodesAsync(new QueryOptions { Consistency = ConsulConsistency.Stale });

        nodes.Value.ShouldHaveSingleItem().Node.ShouldBe("n1");
        _stub.Last.PathAndQuery.ShouldBe("/v1/catalog/nodes?stale");
    }
}
