using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Muting;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>Composition of the check engine.</summary>
internal static class CheckEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CheckStateStore"/> (at <see cref="ConsulAlertsOptions.KvPrefix"/>), <see cref="CheckEngine"/>
    /// (also as <see cref="ICheckView"/>), <see cref="HealthWatcher"/> (through the <see cref="DatacenterStage"/>, which
    /// adds the other datacenters' checks from the <see cref="DatacenterWatcher"/>, then the <see cref="ClusterHealthStage"/>,
    /// which adds the checks on Consul itself) and <see cref="CheckStateFollower"/>. Needs
    /// <see cref="ConsulClient"/>, <see cref="ConsulAlertsOptions"/>, <see cref="TimeProvider"/> and logging (from
    /// <c>AddConsulAlerts</c>), and an <see cref="IDecisionSink"/> (the router); adds an <see cref="AlertsConfigStore"/> if none is
    /// registered. Someone must run the watcher, and the engine's terms.
    /// </summary>
    public static IServiceCollection AddCheckEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AlertsConfigStore>();
        services.TryAddSingleton(provider => new CheckStateStore(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix,
            provider.GetRequiredService<ILogger<CheckStateStore>>()));
        services.TryAddSingleton(provider => new CheckEngine(
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetRequiredService<IDecisionSink>,
            provider.GetRequiredService<CheckStateStore>(),
            provider.GetRequiredService<ILogger<CheckTracker>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<RetryPipelines>(),
            new MuteContext(
                provider.GetService<ISilenceSource>() ?? NoSilences.Instance,
                provider.GetRequiredService<LocalDatacenter>().Name)));
        services.TryAddSingleton<ICheckView>(provider => provider.GetRequiredService<CheckEngine>());
        services.TryAddSingleton<IMuteView>(provider => provider.GetRequiredService<CheckEngine>());
        services.TryAddSingleton(provider => new ClusterHealthStage(provider.GetRequiredService<CheckEngine>()));
        services.TryAddSingleton(provider => new DatacenterStage(
            provider.GetRequiredService<ClusterHealthStage>(),
            provider.GetRequiredService<LocalDatacenter>().Name,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider =>
        {
            var stage = provider.GetRequiredService<DatacenterStage>();
            return new HealthWatcher(
                provider.GetRequiredService<ConsulClient>(),
                stage,
                provider.GetRequiredService<ILogger<HealthWatcher>>(),
                provider.GetRequiredService<TimeProvider>(),
                failed: stage.LocalFailed);
        });
        services.TryAddSingleton(provider => new DatacenterWatcher(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<DatacenterStage>(),
            provider.GetRequiredService<ConsulAlertsOptions>().Datacenters,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CheckStateFollower>();
        return services;
    }
}
