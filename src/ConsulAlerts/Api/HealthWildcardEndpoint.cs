using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Muting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>GET /v1/health/wildcard?node=&amp;service=&amp;check=&amp;status=a,b&amp;alwaysOk=&amp;ignoreBlacklist=</c>: the tracked
/// checks that match, as a JSON array (<c>Node, CheckID, Name, Status, Notes, Output, ServiceID, ServiceName</c>).
/// As in the Go daemon, <c>service</c> matches the service name and <c>check</c> the check name; the code is the worst
/// of the matches (200 passing, 503 warning/critical, 404 unknown) unless <c>alwaysOk</c> is given; blacklisted checks
/// are left out unless <c>ignoreBlacklist</c> is given. Unlike the Go daemon, every listed status counts, not only the last.
/// Each check says whether a change of it would be muted now, and why (<c>"Muted": {"Reason", "By"}</c>, left out when
/// not muted); a service's tags are listed as <c>ServiceTags</c> (left out when none).
/// Blacklist patterns spend at most <see cref="MatchBudget.PerRequest"/> per request (results are cached per name).
/// </summary>
internal static class HealthWildcardEndpoint
{
    public const string Path = "/v1/health/wildcard";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get], (RequestDelegate)HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string node = query["node"].ToString();
        string service = query["service"].ToString();
        string check = query["check"].ToString();
        var statuses = query["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // Presence with any non-empty value turns these on, as Go's Query().Get(...) != "" does.
        bool alwaysOk = query["alwaysOk"].ToString().Length > 0;
        bool ignoreBlacklist = query["ignoreBlacklist"].ToString().Length > 0;

        var view = context.RequestServices.GetRequiredService<ICheckView>();
        var blacklist = context.RequestServices.GetRequiredService<AlertsConfigStore>().Current.Blacklist;
        var local = context.RequestServices.GetService<LocalDatacenter>() ?? LocalDatacenter.Unknown;
        var budget = MatchBudget.ForRequest(context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);

        var matches = view.All
            .Select(state => state.HealthCheck)
            .Where(c => node.Length == 0 || c.Node == node)
            .Where(c => service.Length == 0 || c.ServiceName == service)
            .Where(c => check.Length == 0 || c.Name == check)
            .Where(c => statuses.Length == 0 || statuses.Contains(c.Status, StringComparer.Ordinal))
            .Where(c => ignoreBlacklist || !blacklist.IsBlacklisted(c.Node, c.ServiceId, c.CheckId, c.Status, c.ServiceTags, budget, local.Resolve(c.Datacenter)))
            .OrderBy(c => c.Node, StringComparer.Ordinal)
            .ThenBy(c => c.ServiceId, StringComparer.Ordinal)
            .ThenBy(c => c.CheckId, StringComparer.Ordinal)
            .ToList();
        var mutes = context.RequestServices.GetService<IMuteView>()?.Evaluator();
        var answer = matches.Select(c => new WildcardCheck(c, MuteReport.Of(mutes?.ReasonFor(c, c.Status)))).ToList();

        int code = StatusCodes.Status200OK;
        if (!alwaysOk)
        {
            foreach (var match in matches)
            {
                code = Math.Max(code, HealthEndpoint.StatusCodeFor(match.Status));
            }
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, ApiJsonContext.Default.IReadOnlyListWildcardCheck, context.RequestAborted);
    }
}
