using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Raft;

namespace ConsulAlerts.DevAgent.Dev;

/// <summary>
/// Test hooks outside the Consul API: <c>GET/PUT/DELETE /_dev/faults</c> (read, change, clear) and
/// <c>PUT /_dev/reset-index</c>, <c>GET/PUT/DELETE /_dev/servers[?dc=]</c> (the simulated server set of a datacenter;
/// DELETE restores the default).
/// </summary>
internal static class DevEndpoints
{
    public static void Map(Router router)
    {
        router.Exact("/_dev/faults", RouteKind.Agent, FaultsAsync, "GET", "PUT", "DELETE");
        router.Exact("/_dev/reset-index", RouteKind.Agent, ResetIndexAsync, "PUT");
        router.Exact("/_dev/servers", RouteKind.Agent, ServersAsync, "GET", "PUT", "DELETE");
    }

    private static FaultSettings Describe(DevAgentFaults faults)
    {
        var (count, status, body) = faults.PendingFailure();
        return new FaultSettings
        {
            NoLeader = faults.NoLeader,
            AclDenied = faults.AclDenied,
            DropConnections = faults.DropConnections,
            Latency = GoDuration.Format(faults.Latency),
            FailNext = new FailNextSettings(count, status, body),
            UnreachableDatacenters = [.. faults.UnreachableDatacenters.Order(StringComparer.Ordinal)],
        };
    }

    private static async Task FaultsAsync(ApiRequest request)
    {
        var faults = request.Runtime.Faults;
        if (request.Method == "DELETE")
        {
            faults.Clear();
        }
        else if (request.Method == "PUT")
        {
            var body = await request.ReadJsonAsync<FaultSettings>() ?? new FaultSettings();
            TimeSpan? latency = null;
            if (body.Latency is not null)
            {
                latency = GoDuration.TryParse(body.Latency, out var parsed)
                    ? parsed
                    : throw new ConsulHttpException(400, "Invalid Latency: expected a Go duration such as \"250ms\"");
            }

            faults.NoLeader = body.NoLeader ?? faults.NoLeader;
            faults.AclDenied = body.AclDenied ?? faults.AclDenied;
            faults.DropConnections = body.DropConnections ?? faults.DropConnections;
            faults.Latency = latency ?? faults.Latency;
            if (body.UnreachableDatacenters is { } unreachable)
            {
                faults.UnreachableDatacenters = unreachable;
            }
            if (body.FailNext is { } failNext)
            {
                faults.FailNext(failNext.Count, failNext.StatusCode < 100 ? 500 : failNext.StatusCode, failNext.Body ?? "");
            }
        }

        await request.WriteJsonAsync(Describe(faults));
    }

    private static async Task ServersAsync(ApiRequest request)
    {
        // ?dc= picks another datacenter's set; unknown names are refused as Consul refuses them.
        var dc = request.Get("dc");
        var set = dc.Length == 0 ? request.Servers
            : request.Runtime.Datacenters.Find(dc)?.Servers ?? throw new ConsulHttpException(500, "No path to datacenter");
        if (request.Method == "DELETE")
        {
            set.Reset();
        }
        else if (request.Method == "PUT")
        {
            var body = await request.ReadStrictJsonAsync<List<ServerSettings>>("[]ServerSettings");
            var servers = body.Select(s => new DevServer
            {
                Name = s.Name ?? "",
                Address = s.Address ?? "",
                Healthy = s.Healthy ?? true,
                Voter = s.Voter ?? true,
                ID = s.ID,
            }).ToList();
            if (DevServerSet.Invalid(servers) is { } problem)
            {
                throw new ConsulHttpException(400, problem);
            }

            set.Set(servers);
        }

        await request.WriteJsonAsync(set.Current.Select(s => new ServerSettings
        {
            Name = s.Name,
            Address = s.Address,
            Healthy = s.Healthy,
            Voter = s.Voter,
            ID = s.ID,
        }).ToList());
    }

    private static async Task ResetIndexAsync(ApiRequest request)
    {
        request.Runtime.Faults.ResetIndex();
        await request.WriteJsonAsync(true);
    }
}
