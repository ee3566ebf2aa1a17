using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary><c>GET /v1/status</c>: this daemon's role in the election, what its check view holds, how each notifier is doing and what it knows of Consul's own health.</summary>
internal static class StatusEndpoint
{
    public const string Path = "/v1/status";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (RequestDelegate)HandleAsync);

    /// <summary>The report as of now.</summary>
    public static StatusReport Build(
        LeadershipStatus leadership,
        ICheckView checks,
        NotificationStats? notifications = null,
        string? apiAddress = null,
        IMuteView? mutes = null,
        MuteStats? muteStats = null,
        ClusterHealthStatus? consulHealth = null,
        IReadOnlyList<DatacenterStatus>? datacenters = null)
    {
        ArgumentNullException.ThrowIfNull(leadership);
        ArgumentNullException.ThrowIfNull(checks);
        int tracked = 0, pending = 0, alerting = 0, unsent = 0;
        var evaluator = mutes?.Evaluator();
        var mutedNow = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perDatacenter = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var state in checks.All)
        {
            tracked++;
            perDatacenter[state.HealthCheck.Datacenter] = perDatacenter.GetValueOrDefault(state.HealthCheck.Datacenter) + 1;
            pending += state.Pending.Length > 0 ? 1 : 0;
            alerting += state.Current is CheckStatus.Warning or CheckStatus.Critical ? 1 : 0;
            unsent += state.HasUnsent ? 1 : 0;
            if (evaluator?.ReasonFor(state.HealthCheck, state.Current) is { } reason)
            {
                mutedNow[reason.KindName] = mutedNow.GetValueOrDefault(reason.KindName) + 1;
            }
        }

        var muting = mutes is null
            ? null
            : new MutingReport(mutedNow, unsent, (muteStats?.Snapshot() ?? []).ToDictionary(m => m.Name, m => m.Muted, StringComparer.Ordinal));

        var holder = leadership.Holder is { } h ? new HolderReport(h.Host, h.Pid, h.Address, h.Started, h.Session) : null;
        return new StatusReport(
            ProductInfo.Version,
            apiAddress,
            new LeadershipReport(
                leadership.Role == LeadershipRole.Leader ? "leader" : "standby",
                leadership.Since,
                leadership.SessionId,
                holder,
                leadership.LastContact),
            new CheckCountsReport(tracked, pending, alerting),
            (notifications?.Snapshot() ?? []).Select(n => new NotifierReport(
                n.Notifier, n.ConsecutiveFailures > 0, n.Sent, n.Failed, n.Retried, n.Queued, n.ConsecutiveFailures, n.LastError, n.LastErrorAt, n.LastSuccessAt, n.Grouping)).ToList(),
            muting,
            consulHealth,
            datacenters?.Select(d => d with { Checks = perDatacenter.GetValueOrDefault(d.Local ? "" : d.Name) }).ToList());
    }

    private static Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var apiAddress = services.GetService<ConsulAlertsOptions>() is { } options
            ? BoundAddress.Of(services.GetRequiredService<IServer>(), options).ToString()
            : null;
        var report = Build(
            services.GetRequiredService<LeaderElection>().Status,
            services.GetRequiredService<ICheckView>(),
            services.GetService<NotificationStats>(),
            apiAddress,
            services.GetService<IMuteView>(),
            services.GetService<MuteStats>(),
            services.GetService<ClusterHealthWatcher>()?.Status,
            services.GetService<DatacenterStage>()?.Status);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(report, StatusJsonContext.Default.StatusReport));
    }
}
