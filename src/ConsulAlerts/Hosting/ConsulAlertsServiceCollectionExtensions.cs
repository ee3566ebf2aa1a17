using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsulAlerts.Hosting;

/// <summary>Composition of the consul-alerts daemon.</summary>
public static class ConsulAlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the daemon's services: its <see cref="ConsulAlertsOptions"/>, the Consul client
    /// options, <see cref="TimeProvider.System"/> (unless a clock is already registered, so tests can
    /// drive virtual time) and logging.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="options">Validated daemon settings.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The alert address is not a valid <c>host:port</c>.</exception>
    public static IServiceCollection AddConsulAlerts(this IServiceCollection services, ConsulAlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (!ListenAddress.TryParse(options.AlertAddress, out _, out var error))
        {
            throw new ArgumentException($"invalid alert address '{options.AlertAddress}': {error}", nameof(options));
        }

        services.AddSingleton(options);
        services.AddSingleton(options.Consul);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        return services;
    }
}
