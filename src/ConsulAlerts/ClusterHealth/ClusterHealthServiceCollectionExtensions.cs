using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.ClusterHealth;

/// <summary>Composition of the checks on Consul itself.</summary>
internal static class ClusterHealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ClusterHealthWatcher"/> with its probe and the last leader's
    /// <see cref="ClusterOutageAlerter"/>. Needs the check engine (its <see cref="ClusterHealthStage"/>), the election,
    /// the notifiers and the silences; the engine service runs the watcher.
    /// </summary>
    public static IServiceCollection AddClusterHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<DirectDelivery>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<ConsulAlertsOptions>();
            var election = provider.GetRequiredService<LeaderElection>();
            return new ClusterOutageAlerter(
                provider.GetRequiredService<DirectDelivery>(),
                () => election.Status,
                provider.GetService<ISilenceSource>() ?? NoSilences.Instance,
                provider.GetRequiredService<ConsulClient>(),
                provider.GetRequiredService<KvLayout>(),
                // The API address as bound (a port of 0 is chosen at start), read when an outage is recorded.
                () => $"{Environment.MachineName} pid {Environment.ProcessId} ({(provider.GetService<IServer>() is { } server ? BoundAddress.Of(server, options) : options.AlertAddress)})",
                provider.GetRequiredService<LocalDatacenter>().Name,
                provider.GetRequiredService<ILogger<ClusterOutageAlerter>>());
        });
        services.TryAddSingleton(provider =>
        {
            var client = provider.GetRequiredService<ConsulClient>();
            var time = provider.GetRequiredService<TimeProvider>();
            return new ClusterHealthWatcher(
                new ClusterProbe(client, provider.GetRequiredService<KvLayout>().Leader, time),
                provider.GetRequiredService<ClusterHealthStage>(),
                provider.GetRequiredService<ClusterOutageAlerter>(),
                provider.GetRequiredService<AlertsConfigStore>(),
                client.Address.ToString(),
                provider.GetRequiredService<ILogger<ClusterHealthWatcher>>(),
                time);
        });
        return services;
    }
}
