using ConsulAlerts.Checks;
using ConsulAlerts.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>GET /v1/health?node=&amp;service=&amp;check=</c>, as the Go daemon answers it for Nagios-style probes: the check's
/// confirmed status and output as <c>status: &lt;s&gt;\n[output: &lt;o&gt;\n]</c>, with 200 for passing, 503 for warning
/// or critical and 404 (<c>status: unknown</c>) when the check is not known or has no confirmed status yet. Line breaks and
/// other control characters in the output are escaped, so the body always has at most these two lines.
/// </summary>
internal static class HealthEndpoint
{
    public const string Path = "/v1/health";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get], (RequestDelegate)HandleAsync);

    private static Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string node = query["node"].ToString();
        string service = query["service"].ToString();
        string checkId = query["check"].ToString();
        if (service.Length == 0)
        {
            service = "_";
        }

        var view = context.RequestServices.GetRequiredService<ICheckView>();
        string status = "unknown";
        string output = "";
        if (view.TryGet(new CheckKey(node, checkId), out var state) && state.HealthCheck.ServicePathSegment == service
            && state.Current.Length > 0)
        {
            status = state.Current;
            output = state.HealthCheck.Output;
        }

        context.Response.StatusCode = StatusCodeFor(status);
        context.Response.ContentType = "text/plain; charset=utf-8";
        // The output is the check's own text: escaped, it cannot add a line (a second "status:") to the answer.
        status = LineText.Escape(status);
        output = LineText.Escape(output);
        return context.Response.WriteAsync(output.Length == 0 ? $"status: {status}\n" : $"status: {status}\noutput: {output}\n");
    }

    /// <summary>200 passing, 503 warning/critical, 404 anything else.</summary>
    internal static int StatusCodeFor(string status) => status switch
    {
        CheckStatus.Passing => StatusCodes.Status200OK,
        CheckStatus.Warning or CheckStatus.Critical => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status404NotFound,
    };
}
