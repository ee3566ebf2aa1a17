using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Events;
using ConsulAlerts.Leadership;
using ConsulAlerts.Metrics;
using ConsulAlerts.Processes;
using ConsulAlerts.Routing;
using ConsulAlerts.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsulAlerts.Hosting;

/// <summary>Composition of the consul-alerts daemon.</summary>
public static class ConsulAlertsServiceCollectionExtensions
{
    private const string ConsulHttpClientName = "consul";

    /// <summary>
    /// Registers the daemon's services: its <see cref="ConsulAlertsOptions"/>, the Consul client and its
    /// options, <see cref="TimeProvider.System"/> (unless a clock is already registered, so tests can
    /// drive virtual time), logging, the configuration watcher, the check engine, event handling, the leader election,
    /// routing, reminders, notifiers, silences, the metrics registry and the API token check.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="options">Validated daemon settings.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The alert address is not a valid <c>host:port</c>.</exception>
    public static IServiceCollection AddConsulAlerts(this IServiceCollection services, ConsulAlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (!ListenAddress.TryParse(options.AlertAddress, out _, out var error, allowAnyPort: true))
        {
            throw new ArgumentException($"invalid alert address '{options.AlertAddress}': {error}", nameof(options));
        }

        services.AddSingleton(options);
        services.AddSingleton(options.Consul);
        services.AddSingleton(new LocalDatacenter(options.Consul.Datacenter ?? ""));
        services.AddSingleton(provider => ScriptEnvironment.For(options, provider.GetRequiredService<ConsulClient>().Transport.Secrets));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<ProcessTriggers>();

        // One named HttpClient with our handler (unix sockets, TLS settings); the client sets an infinite
        // HttpClient.Timeout and times each request itself, because blocking queries outlive the 100 s default.
        services.AddHttpClient(ConsulHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => ConsulHttpClientFactory.CreateHandler(options.Consul));
        services.TryAddSingleton(provider =>
        {
            var client = new ConsulClient(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(ConsulHttpClientName),
                options.Consul,
                provider.GetRequiredService<TimeProvider>());
            provider.GetRequiredService<ConsulRequestMetrics>().Attach(client.Transport);
            return client;
        });
        services.TryAddSingleton(new ApiAccess(options.ApiToken));
        services.AddDaemonMetrics();

        // Configuration first: the engine waits for the first snapshot before deciding anything.
        services.AddAlertsConfiguration();
        services.AddAlertRouting();
        services.AddCheckEngine();
        services.AddEventHandling();

        // The election before the engine: hosted services stop in reverse order, so leader work stops before the lock is released.
        services.AddLeaderElection();
        services.AddSilences();
        services.AddClusterHealth();
        services.AddHostedService<EngineService>();
        return services;
    }
}
