using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Dev;

/// <summary>Test hooks outside the Consul API: <c>GET/PUT /_dev/faults</c> and <c>PUT /_dev/reset-index</c>.</summary>
internal static class DevEndpoints
{
    public static void Map(Router router)
    {
        router.Exact("/_dev/faults", RouteKind.Agent, FaultsAsync, "GET", "PUT");
        router.Exact("/_dev/reset-index", RouteKind.Agent, ResetIndexAsync, "PUT");
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
        };
    }

    private static async Task FaultsAsync(ApiRequest request)
    {
        var faults = request.Runtime.Faults;
        if (request.Method == "PUT")
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
            if (body.FailNext is { } failNext)
            {
                faults.FailNext(failNext.Count, failNext.StatusCode < 100 ? 500 : failNext.StatusCode, failNext.Body ?? "");
            }
        }

        await request.WriteJsonAsync(Describe(faults));
    }

    private static async Task ResetIndexAsync(ApiRequest request)
    {
        request.Runtime.Faults.ResetIndex();
        await request.WriteJsonAsync(true);
    }
}
