using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Catalog;

/// <summary><c>/v1/catalog/*</c>: register, deregister, nodes, services, node/:node.</summary>
internal static class CatalogEndpoints
{
    public static void Map(Router router)
    {
        router.Exact("/v1/catalog/register", RouteKind.Server, RegisterAsync, "PUT");
        router.Exact("/v1/catalog/deregister", RouteKind.Server, DeregisterAsync, "PUT");
        router.Exact("/v1/catalog/nodes", RouteKind.Server, NodesAsync, "GET");
        router.Exact("/v1/catalog/services", RouteKind.Server, ServicesAsync, "GET");
        router.Prefix("/v1/catalog/node/", RouteKind.Server, NodeAsync, "GET");
        router.Prefix("/v1/catalog/service/", RouteKind.Server, ServiceAsync, "GET");
    }

    private static async Task RegisterAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<CatalogRegistration>()
            ?? throw new ConsulHttpException(400, "Request decode failed: empty body");
        if (string.IsNullOrEmpty(body.Node))
        {
            throw new ConsulHttpException(500, "Must provide node");
        }

        if (string.IsNullOrEmpty(body.Address) && !body.SkipNodeUpdate)
        {
            throw new ConsulHttpException(500, "Must provide address");
        }

        request.UseDatacenter(body.Datacenter);
        var nodeName = body.Node;
        ServiceEntry? service = null;
        if (body.Service is { } s)
        {
            if (string.IsNullOrEmpty(s.Service))
            {
                throw new ConsulHttpException(500, "Must provide service name");
            }

            service = new ServiceEntry
            {
                ID = string.IsNullOrEmpty(s.ID) ? s.Service : s.ID,
                Service = s.Service,
                Tags = s.Tags ?? [],
                Address = s.Address ?? "",
                Meta = s.Meta ?? [],
                Port = s.Port,
                Weights = s.Weights ?? new ServiceWeights(),
                EnableTagOverride = s.EnableTagOverride,
            };
        }

        var checks = new List<HealthCheck>();
        foreach (var c in (body.Check is null ? [] : new[] { body.Check }).Concat(body.Checks ?? []))
        {
            var checkId = string.IsNullOrEmpty(c.CheckID) ? c.Name : c.CheckID;
            if (string.IsNullOrEmpty(checkId))
            {
                throw new ConsulHttpException(500, "Missing check ID");
            }

            if (!string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status))
            {
                throw new ConsulHttpException(500, $"Invalid check status: '{c.Status}'");
            }

            checks.Add(new HealthCheck
            {
                Node = string.IsNullOrEmpty(c.Node) ? nodeName : c.Node,
                CheckID = checkId,
                Name = c.Name ?? "",
                Status = c.Status ?? "",
                Notes = c.Notes ?? "",
                Output = c.Output ?? "",
                ServiceID = c.ServiceID ?? "",
                Type = c.Type ?? "",
            });
        }

        var store = request.Store;
        store.Write(index =>
        {
            if (!(body.SkipNodeUpdate && store.GetNode(nodeName) is not null))
            {
                store.EnsureNode(index, new NodeEntry
                {
                    ID = body.ID ?? "",
                    Node = nodeName,
                    Address = body.Address ?? "",
                    TaggedAddresses = body.TaggedAddresses,
                    Meta = body.NodeMeta,
                });
            }

            if (service is not null)
            {
                store.EnsureService(index, nodeName, service);
            }

            foreach (var check in checks)
            {
                store.EnsureCheck(index, check);
            }

            return true;
        });
        await request.WriteJsonAsync(true);
    }

    private static async Task DeregisterAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<CatalogDeregistration>()
            ?? throw new ConsulHttpException(400, "Request decode failed: empty body");
        if (string.IsNullOrEmpty(body.Node))
        {
            throw new ConsulHttpException(500, "Must provide node");
        }

        request.UseDatacenter(body.Datacenter);
        var store = request.Store;
        store.Write(index =>
        {
            if (!string.IsNullOrEmpty(body.ServiceID))
            {
                return store.DeleteService(index, body.Node, body.ServiceID);
            }

            return !string.IsNullOrEmpty(body.CheckID)
                ? store.DeleteCheck(index, body.Node, body.CheckID)
                : store.DeleteNode(index, body.Node);
        });
        await request.WriteJsonAsync(true);
    }

    private static async Task NodesAsync(ApiRequest request)
    {
        var store = request.Store;
        var nodes = await request.BlockAsync(store.CatalogChanged, () => new BlockingResult<List<NodeEntry>>(store.NodesIndex, store.Nodes()));
        await request.WriteJsonAsync(nodes);
    }

    private static async Task ServicesAsync(ApiRequest request)
    {
        var store = request.Store;
        var services = await request.BlockAsync(
            store.CatalogChanged,
            () => new BlockingResult<Dictionary<string, string[]>>(store.ServicesIndex, store.ServiceNames()));
        await request.WriteJsonAsync(services);
    }

    private static async Task ServiceAsync(ApiRequest request)
    {
        var store = request.Store;
        var name = request.Tail;
        if (name.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing service name");
        }

        var tags = request.Query.TryGetValue("tag", out var values) ? values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];
        var entries = await request.BlockAsync(store.CatalogChanged, () => new BlockingResult<List<CatalogServiceEntry>>(
            store.ServiceIndex(name, withChecks: false),
            [.. store.ServiceHealth(name, tags, passingOnly: false).Select(e => CatalogServiceEntry.From(e.Node, e.Service))]));
        await request.WriteJsonAsync(entries);
    }

    private static async Task NodeAsync(ApiRequest request)
    {
        var store = request.Store;
        var nodeName = request.Tail;
        if (nodeName.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing node name");
        }

        var result = await request.BlockAsync(store.CatalogChanged, () =>
        {
            var node = store.GetNode(nodeName);
            var value = node is null ? null : new CatalogNodeServices(node, store.NodeServices(nodeName));
            return new BlockingResult<CatalogNodeServices?>(Math.Max(store.NodesIndex, store.ServicesIndex), value);
        });
        if (result is null)
        {
            await request.WriteRawJsonAsync("null");
            return;
        }

        await request.WriteJsonAsync(result);
    }
}
