using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Agent;

/// <summary>
/// <c>PUT /v1/agent/maintenance</c> and <c>PUT /v1/agent/service/maintenance/:id</c>: maintenance mode is a critical check
/// (<c>_node_maintenance</c>, <c>_service_maintenance:&lt;id&gt;</c>) that is added on enable and removed on disable.
/// </summary>
internal static class MaintenanceEndpoints
{
    public const string NodeCheckId = "_node_maintenance";
    public const string ServiceCheckPrefix = "_service_maintenance:";

    public static void Map(Router router)
    {
        router.Exact("/v1/agent/maintenance", RouteKind.Agent, NodeAsync, "PUT");
        router.Prefix("/v1/agent/service/maintenance/", RouteKind.Agent, ServiceAsync, "PUT");
    }

    private static Task NodeAsync(ApiRequest request)
    {
        var enable = Enable(request);
        var reason = Reason(request, "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.");
        Apply(request, enable, new HealthCheck { Node = "", CheckID = NodeCheckId, Name = "Node Maintenance Mode", Status = HealthStatus.Critical, Notes = reason, ServiceID = "" });
        return Task.CompletedTask;
    }

    private static Task ServiceAsync(ApiRequest request)
    {
        var serviceId = request.Tail;
        if (serviceId.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing service ID");
        }

        var enable = Enable(request);
        if (request.Store.Read(() => request.Store.GetService(request.Store.NodeName, serviceId)) is null)
        {
            throw new ConsulHttpException(404, $"No service registered with ID \"{serviceId}\"");
        }

        var reason = Reason(request, "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.");
        Apply(request, enable, new HealthCheck
        {
            Node = "",
            CheckID = ServiceCheckPrefix + serviceId,
            Name = "Service Maintenance Mode",
            Status = HealthStatus.Critical,
            Notes = reason,
            ServiceID = serviceId,
        });
        return Task.CompletedTask;
    }

    private static bool Enable(ApiRequest request)
    {
        if (!request.Has("enable"))
        {
            throw new ConsulHttpException(400, "Missing value for enable");
        }

        var text = request.Get("enable");
        return HealthEndpoints.ParseGoBool(text) ?? throw new ConsulHttpException(400, $"Invalid value for enable: \"{text}\"");
    }

    private static string Reason(ApiRequest request, string fallback) =>
        request.Get("reason") is { Length: > 0 } reason ? reason : fallback;

    private static void Apply(ApiRequest request, bool enable, HealthCheck check)
    {
        var store = request.Store;
        store.Write(index =>
        {
            if (enable)
            {
                // Enabling twice keeps the first reason, as Consul does.
                if (store.GetCheck(store.NodeName, check.CheckID) is null)
                {
                    store.RegisterAgentCheck(index, check);
                }
            }
            else
            {
                store.DeleteCheck(index, store.NodeName, check.CheckID);
            }

            return true;
        });
        request.Http.Response.StatusCode = 200;
    }
}
