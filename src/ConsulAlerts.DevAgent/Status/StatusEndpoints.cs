using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Raft;

namespace ConsulAlerts.DevAgent.Status;

/// <summary><c>/v1/status/leader</c> and <c>/v1/status/peers</c>; no ACL needed.</summary>
internal static class StatusEndpoints
{
    /// <summary>The dev agent's own Raft address: Consul's default server port on loopback.</summary>
    public const string ServerAddress = "127.0.0.1:8300";

    public static void Map(Router router)
    {
        router.Exact("/v1/status/leader", RouteKind.Status, LeaderAsync, "GET");
        router.Exact("/v1/status/peers", RouteKind.Status, r => r.WriteJsonAsync(r.Servers.Current.Select(s => s.Address).ToList()), "GET");
    }

    private static Task LeaderAsync(ApiRequest request)
    {
        var leader = request.WithoutLeader ? null : DevServerSet.LeaderOf(request.Servers.Current);
        return request.WriteJsonAsync(leader?.Address ?? "");
    }
}
