using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace ConsulAlerts.Metrics;

/// <summary>Composition of the metrics registry.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the daemon's own prometheus-net <see cref="CollectorRegistry"/> (never the process-wide default one,
    /// which would add runtime metrics and be shared by every daemon hosted in the process), <see cref="ConsulRequestMetrics"/>
    /// (for the KV prefix of <see cref="ConsulAlertsOptions"/>) and <see cref="DaemonMetrics"/>; the Consul client's
    /// transport is attached where the client is built.
    /// </summary>
    public static IServiceCollection AddDaemonMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.TryAddSingleton(provider => new ConsulRequestMetrics(
            provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton(provider => new DaemonMetrics(
            provider.GetRequiredService<CollectorRegistry>(),
            provider.GetRequiredService<ConsulRequestMetrics>(),
            provider.GetRequiredService<LeaderElection>(),
            provider.GetRequiredService<ICheckView>(),
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetService<NotificationStats>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<MuteStats>(),
            () => provider.GetService<ClusterHealthWatcher>()?.Status,
            () => provider.GetService<DatacenterStage>()?.Status ?? []));
        return services;
    }
}
