using ConsulAlerts.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary><c>GET /metrics</c>: the daemon's metrics in Prometheus text format 0.0.4.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (RequestDelegate)HandleAsync);

    private static Task HandleAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<DaemonMetrics>().Render();
        context.Response.ContentType = MetricsWriter.ContentType;
        return context.Response.WriteAsync(text);
    }
}
