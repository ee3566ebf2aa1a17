using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsulAlerts.Configuration;

/// <summary>Composition of the configuration feature.</summary>
internal static class ConfigurationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="AlertsConfigStore"/> singleton and the <see cref="ConfigWatcher"/> hosted service that
    /// fills it. Needs the registrations of <c>AddConsulAlerts</c> (options, Consul client, clock, logging).
    /// </summary>
    public static IServiceCollection AddAlertsConfiguration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AlertsConfigStore>();
        services.AddHostedService<ConfigWatcher>();
        return services;
    }
}
