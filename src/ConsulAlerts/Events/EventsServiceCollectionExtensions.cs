using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Hosting;
using ConsulAlerts.Processes;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>Composition of event handling.</summary>
internal static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HandledEventsStore"/> (at <see cref="ConsulAlertsOptions.KvPrefix"/>),
    /// <see cref="EventHandlerRunner"/> and <see cref="EventWatcher"/>. Someone must run the watcher's terms.
    /// </summary>
    public static IServiceCollection AddEventHandling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AlertsConfigStore>();
        services.TryAddSingleton(provider => new EventHandlerRunnerOptions { Environment = provider.GetService<ScriptEnvironment>() ?? ScriptEnvironment.None });
        services.TryAddSingleton(provider => new HandledEventsStore(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix,
            provider.GetRequiredService<ILogger<HandledEventsStore>>()));
        services.TryAddSingleton<EventHandlerRunner>();
        services.TryAddSingleton(provider => new EventWatcher(
            provider.GetRequiredService<ConsulClient>(),
            provider.GetRequiredService<HandledEventsStore>(),
            provider.GetRequiredService<EventHandlerRunner>(),
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetRequiredService<ILogger<EventWatcher>>(),
            provider.GetRequiredService<TimeProvider>(),
            retries: provider.GetService<RetryPipelines>()));
        return services;
    }
}
