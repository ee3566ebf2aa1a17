using System.Globalization;
using ConsulAlerts.Configuration;
using ConsulAlerts.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// Probes for orchestrators: <c>GET /healthz</c> answers 200 while the process serves; <c>GET /readyz</c> answers 200
/// when the configuration has been read, Consul answered within <see cref="MaxContactAge"/> and the health, config and
/// leader watches are current (answered, and not failing since), else 503 with the reasons.
/// </summary>
internal static class ProbeEndpoints
{
    public const string HealthzPath = "/healthz";
    public const string ReadyzPath = "/readyz";

    /// <summary>
    /// Longer than the session renewal interval (half the leader TTL, 5 s by default), which keeps contact fresh
    /// even while every blocking read waits.
    /// </summary>
    public static readonly TimeSpan MaxContactAge = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthzPath, (RequestDelegate)(context => WriteAsync(context, StatusCodes.Status200OK, "ok")));
        endpoints.MapGet(ReadyzPath, (RequestDelegate)HandleReadyzAsync);
    }

    /// <summary>Null when ready, else why not.</summary>
    /// <param name="configLoaded">Whether the configuration has been read.</param>
    /// <param name="lastContact">When Consul last answered; null when it never has.</param>
    /// <param name="now">The daemon's clock.</param>
    /// <param name="staleWatches">Why watches are not current (<see cref="ConsulRequestMetrics.StaleWatches"/>).</param>
    public static string? NotReadyReason(bool configLoaded, DateTimeOffset? lastContact, DateTimeOffset now, IReadOnlyList<string>? staleWatches = null)
    {
        var reasons = new List<string>(2);
        if (!configLoaded)
        {
            reasons.Add("configuration not read from Consul yet");
        }

        if (lastContact is not { } contact)
        {
            reasons.Add("Consul has not answered yet");
        }
        else if (now - contact > MaxContactAge)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Consul last answered {(now - contact).TotalSeconds:0} s ago"));
        }

        // Only once Consul is reachable at all: until then that is the one reason worth reading.
        if (configLoaded && lastContact is not null && staleWatches is { Count: > 0 })
        {
            reasons.AddRange(staleWatches);
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static Task HandleReadyzAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<DaemonMetrics>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var reason = NotReadyReason(services.GetRequiredService<AlertsConfigStore>().Loaded, metrics.LastConsulContact(), now, metrics.Consul.StaleWatches());
        return reason is null
            ? WriteAsync(context, StatusCodes.Status200OK, "ready")
            : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + reason);
    }

    private static Task WriteAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text + "\n");
    }
}
