using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>Composition of the check engine.</summary>
internal static class CheckEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CheckStateStore"/> (at <see cref="ConsulAlertsOptions.KvPrefix"/>), <see cref="CheckTracker"/>
    /// (also as <see cref="ICheckView"/>) and <see cref="HealthWatcher"/>. Needs <see cref="ConsulClient"/>,
    /// <see cref="ConsulAlertsOptions"/>, <see cref="TimeProvider"/> and logging (from <c>AddConsulAlerts</c>), and an
    /// <see cref="IAlertSink"/>; adds an <see cref="AlertsConfigStore"/> if none is registered. Someone must run
    /// <see cref="HealthWatcher.RunAsync"/>.
    /// </summary>
    public static IServiceCollection AddCheckEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AlertsConfigStore>();
        services.TryAddSingleton(provider => new CheckStateStore(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix,
            provider.GetRequiredService<ILogger<CheckStateStore>>()));
        services.TryAddSingleton<ICheckStateStore>(provider => provider.GetRequiredService<CheckStateStore>());
        services.TryAddSingleton(provider => new CheckTracker(
            provider.GetRequiredService<AlertsConfigStore>(),
            new DeferredAlertSink(provider.GetRequiredService<IAlertSink>),
            provider.GetRequiredService<ICheckStateStore>(),
            provider.GetRequiredService<ILogger<CheckTracker>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICheckView>(provider => provider.GetRequiredService<CheckTracker>());
        services.TryAddSingleton(provider => new HealthWatcher(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<CheckTracker>(),
            provider.GetRequiredService<ILogger<HealthWatcher>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
