using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsulAlerts.Metrics;

/// <summary>Composition of the metrics registry.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConsulRequestMetrics"/> (for the KV prefix of <see cref="ConsulAlertsOptions"/>) and
    /// <see cref="DaemonMetrics"/>; the Consul client's transport is attached where the client is built.
    /// </summary>
    public static IServiceCollection AddDaemonMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new ConsulRequestMetrics(
            provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new DaemonMetrics(
            provider.GetRequiredService<ConsulRequestMetrics>(),
            provider.GetRequiredService<LeaderElection>(),
            provider.GetRequiredService<ICheckView>(),
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetService<NotificationStats>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
