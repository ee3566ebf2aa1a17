using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Datacenters;

/// <summary><c>GET /v1/catalog/datacenters</c>: every datacenter, the local one first; unreachable ones stay listed.</summary>
internal static class DatacenterEndpoints
{
    // Consul answers it from the server's WAN view without an ACL check or a leader, whatever ?dc= says.
    public static void Map(Router router) =>
        router.Exact("/v1/catalog/datacenters", RouteKind.Status, r => r.WriteJsonAsync(r.Runtime.Datacenters.Names.ToList()), "GET");
}
