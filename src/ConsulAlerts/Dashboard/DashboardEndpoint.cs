using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Dashboard;

/// <summary>
/// <c>GET /</c>: the dashboard, one self-contained HTML page (no external resource) that polls <c>/v1/status</c> and
/// <c>GET /v1/dashboard</c>, the JSON built here from the check view, the configuration and the delivery history.
/// </summary>
internal static class DashboardEndpoint
{
    public const string PagePath = "/";

    public const string DataPath = "/v1/dashboard";

    /// <summary>Exact blacklist names listed per kind; the rest are counted (the page stays small whatever KV holds).</summary>
    public const int MaxNamesShown = 200;

    private const string ResourceName = "ConsulAlerts.Dashboard.dashboard.html";

    private const string PatternTimedOutMessage =
        "a pattern ran out of time on a name, which therefore counts as matching it; rewrite it without lookaround or backreferences";

    private static readonly Lazy<byte[]> Page = new(LoadPage);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(PagePath, [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)ServePageAsync);
        endpoints.MapGet(DataPath, (RequestDelegate)ServeDataAsync);
    }

    /// <summary>The report as of <paramref name="now"/>.</summary>
    /// <param name="checks">The check view.</param>
    /// <param name="config">The configuration in force.</param>
    /// <param name="history">Recent deliveries, or null on a daemon that sends none.</param>
    /// <param name="now">The daemon's clock.</param>
    /// <param name="budget">What blacklist patterns may spend for this report; null for no limit.</param>
    /// <param name="mutes">Says why a check is muted; null when muting is not wired.</param>
    /// <param name="local">The agent's own datacenter, for blacklist entries naming it; unknown when null.</param>
    public static DashboardReport Build(
        ICheckView checks, AlertsConfig config, DeliveryHistory? history, DateTimeOffset now, MatchBudget? budget = null, MuteEvaluator? mutes = null, LocalDatacenter? local = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(config);
        var attention = checks.All
            .Where(s => s.Pending.Length > 0 || s.Current is CheckStatus.Warning or CheckStatus.Critical)
            .Select(s => ToCheck(s, config, budget, mutes, local ?? LocalDatacenter.Unknown))
            .OrderBy(c => Severity(c))
            .ThenBy(c => c.Node, StringComparer.Ordinal)
            .ThenBy(c => c.ServiceId, StringComparer.Ordinal)
            .ThenBy(c => c.CheckId, StringComparer.Ordinal)
            .ToList();
        var deliveries = (history?.Snapshot() ?? [])
            .Select(d => new DashboardDelivery(d.At, d.Notifier, d.MessageCount, d.Checks, OutcomeName(d.Outcome), d.Attempts, d.Error))
            .ToList();
        var blacklist = config.Blacklist;
        return new DashboardReport(
            now,
            new DashboardConfig(config.Revision != 0, config.Revision, config.Checks.Enabled, config.Checks.ChangeThreshold.TotalSeconds, Errors(config)),
            attention,
            deliveries,
            new DashboardBlacklist(
                Names(blacklist.Nodes),
                Names(blacklist.Services),
                Names(blacklist.Checks),
                Names(blacklist.Status),
                Names(blacklist.ServiceTags),
                [.. blacklist.Single.Order(StringComparer.Ordinal).Take(MaxNamesShown)],
                Math.Max(0, blacklist.Single.Count - MaxNamesShown)));
    }

    // The parser's findings, then the keys whose patterns have since run out of time on some name.
    private static IReadOnlyList<ConfigError> Errors(AlertsConfig config)
    {
        var timedOut = config.PatternTimeouts.Keys;
        return timedOut.Count == 0
            ? config.Errors
            : [.. config.Errors, .. timedOut.Order(StringComparer.Ordinal).Select(key => new ConfigError(key, PatternTimedOutMessage))];
    }

    private static DashboardCheck ToCheck(CheckState state, AlertsConfig config, MatchBudget? budget, MuteEvaluator? mutes, LocalDatacenter local)
    {
        var info = state.HealthCheck;
        var threshold = config.Checks.ThresholdFor(info.Node, info.ServiceId, info.CheckId);
        bool pending = state.Pending.Length > 0;
        return new DashboardCheck(
            info.Node,
            info.ServiceId,
            info.ServiceName,
            info.CheckId,
            info.Name,
            info.Status,
            state.Current,
            state.Current.Length > 0 ? state.CurrentTimestamp : null,
            state.Pending,
            pending ? state.PendingTimestamp : null,
            pending ? state.PendingTimestamp + threshold : null,
            threshold.TotalSeconds,
            config.Blacklist.IsBlacklisted(info.Node, info.ServiceId, info.CheckId, info.Status, info.ServiceTags, budget, local.Resolve(info.Datacenter)),
            CheckStatus.IsMaintenance(info.CheckId),
            info.Output,
            info.Notes,
            mutes?.ReasonFor(info, state.Current)?.ToString(),
            info.Datacenter);
    }

    // Critical first, then warning, then what is only pending (by the status it is heading for).
    private static int Severity(DashboardCheck check) => (check.Current, check.Pending) switch
    {
        (CheckStatus.Critical, _) => 0,
        (CheckStatus.Warning, _) => 1,
        (_, CheckStatus.Critical) => 2,
        (_, CheckStatus.Warning) => 3,
        _ => 4,
    };

    private static DashboardNames Names(NameMatcher matcher) =>
        new([.. matcher.Exact.Order(StringComparer.Ordinal).Take(MaxNamesShown)], [.. matcher.Patterns.Select(p => p.Text)], Math.Max(0, matcher.Exact.Count - MaxNamesShown));

    private static string OutcomeName(DeliveryHistoryOutcome outcome) => outcome switch
    {
        DeliveryHistoryOutcome.Delivered => "delivered",
        DeliveryHistoryOutcome.Retrying => "retrying",
        _ => "failed",
    };

    private static Task ServePageAsync(HttpContext context)
    {
        var page = Page.Value;
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length;
        // The page runs only its own inline code and talks only to this daemon.
        response.Headers["Content-Security-Policy"] =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page, context.RequestAborted).AsTask();
    }

    private static Task ServeDataAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var stats = services.GetService<NotificationStats>();
        var report = Build(
            services.GetRequiredService<ICheckView>(),
            services.GetRequiredService<AlertsConfigStore>().Current,
            stats is null ? null : DeliveryHistory.Of(stats),
            now,
            MatchBudget.ForRequest(services.GetService<TimeProvider>() ?? TimeProvider.System),
            services.GetService<IMuteView>()?.Evaluator(),
            services.GetService<LocalDatacenter>());
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(report, DashboardJsonContext.Default.DashboardReport), context.RequestAborted);
    }

    private static byte[] LoadPage()
    {
        using var stream = typeof(DashboardEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
