using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Health;

/// <summary><c>/v1/health/*</c>: state, node, checks and service; all blocking.</summary>
internal static class HealthEndpoints
{
    public static void Map(Router router)
    {
        router.Prefix("/v1/health/state/", RouteKind.Server, StateAsync, "GET");
        router.Prefix("/v1/health/node/", RouteKind.Server, NodeAsync, "GET");
        router.Prefix("/v1/health/checks/", RouteKind.Server, ChecksAsync, "GET");
        router.Prefix("/v1/health/service/", RouteKind.Server, ServiceAsync, "GET");
    }

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static bool? ParseGoBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    private static async Task StateAsync(ApiRequest request)
    {
        var state = request.Tail;
        if (state.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing check state");
        }

        // Any other state is a valid query that matches nothing: 200 [].
        var store = request.Store;
        var checks = await request.BlockAsync(store.CatalogChanged, () => new BlockingResult<List<HealthCheck>>(store.ChecksIndex, store.ChecksInState(state)));
        await request.WriteJsonAsync(checks);
    }

    private static async Task NodeAsync(ApiRequest request)
    {
        var node = request.Tail;
        if (node.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing node name");
        }

        var store = request.Store;
        var checks = await request.BlockAsync(store.CatalogChanged, () => new BlockingResult<List<HealthCheck>>(store.ChecksIndex, store.NodeChecks(node)));
        await request.WriteJsonAsync(checks);
    }

    private static async Task ChecksAsync(ApiRequest request)
    {
        var service = request.Tail;
        if (service.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing service name");
        }

        var store = request.Store;
        var checks = await request.BlockAsync(store.CatalogChanged, () => new BlockingResult<List<HealthCheck>>(store.ChecksIndex, store.ServiceChecks(service)));
        await request.WriteJsonAsync(checks);
    }

    private static async Task ServiceAsync(ApiRequest request)
    {
        var service = request.Tail;
        if (service.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing service name");
        }

        var passing = false;
        if (request.Has("passing"))
        {
            var text = request.Get("passing");
            passing = text.Length == 0 || (ParseGoBool(text) ?? throw new ConsulHttpException(400, "Invalid value for ?passing"));
        }

        var tags = request.Query.TryGetValue("tag", out var values) ? values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];
        var store = request.Store;
        var entries = await request.BlockAsync(
            store.CatalogChanged,
            () => new BlockingResult<List<ServiceHealth>>(store.ServiceIndex(service, withChecks: true), store.ServiceHealth(service, tags, passing)));
        await request.WriteJsonAsync(entries);
    }
}
