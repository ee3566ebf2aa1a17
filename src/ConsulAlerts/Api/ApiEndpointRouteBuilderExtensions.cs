using ConsulAlerts.Dashboard;
using Microsoft.AspNetCore.Routing;

namespace ConsulAlerts.Api;

/// <summary>Maps the daemon's HTTP API.</summary>
internal static class ApiEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapConsulAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        InfoEndpoint.Map(endpoints);
        HealthEndpoint.Map(endpoints);
        HealthWildcardEndpoint.Map(endpoints);
        ProcessEndpoints.Map(endpoints);
        SilenceEndpoints.Map(endpoints);
        StatusEndpoint.Map(endpoints);
        DashboardEndpoint.Map(endpoints);
        MetricsEndpoint.Map(endpoints);
        ProbeEndpoints.Map(endpoints);
        return endpoints;
    }
}
