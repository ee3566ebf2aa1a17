using ConsulAlerts.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>GET /metrics</c>: the daemon's metrics in Prometheus text format 0.0.4. Not prometheus-net.AspNetCore's
/// middleware: it answers OpenMetrics to scrapers that ask for it, where counter families lose their <c>_total</c>,
/// and the documented names must stay as they are.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (RequestDelegate)HandleAsync);

    private static Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = DaemonMetrics.ContentType;
        return context.RequestServices.GetRequiredService<DaemonMetrics>().ExportAsync(context.Response.Body, context.RequestAborted);
    }
}
