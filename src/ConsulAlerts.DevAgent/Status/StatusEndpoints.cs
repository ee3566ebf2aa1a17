using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Status;

/// <summary><c>/v1/status/leader</c> and <c>/v1/status/peers</c>; no ACL needed.</summary>
internal static class StatusEndpoints
{
    private const string ServerAddress = "127.0.0.1:8300";

    public static void Map(Router router)
    {
        router.Exact("/v1/status/leader", RouteKind.Status, r => r.WriteJsonAsync(r.Runtime.Faults.NoLeader ? "" : ServerAddress), "GET");
        router.Exact("/v1/status/peers", RouteKind.Status, r => r.WriteJsonAsync(new List<string> { ServerAddress }), "GET");
    }
}
