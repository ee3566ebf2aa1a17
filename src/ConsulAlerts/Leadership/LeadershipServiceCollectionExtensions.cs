using ConsulAlerts.Consul;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Leadership;

/// <summary>Composition of the leader election.</summary>
internal static class LeadershipServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LeaderElection"/> on <c>&lt;prefix&gt;/leader</c> with the TTL and lock-delay of
    /// <see cref="ConsulAlertsOptions"/>, and runs it as a hosted service. Register it before the services doing
    /// leader work: hosted services stop in reverse order, so leader work stops before the lock is released.
    /// </summary>
    public static IServiceCollection AddLeaderElection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<ConsulAlertsOptions>();
            var time = provider.GetRequiredService<TimeProvider>();
            var self = new LockHolder
            {
                Host = Environment.MachineName,
                Pid = Environment.ProcessId,
                Address = options.AlertAddress,
                Started = time.GetUtcNow(),
                Version = ProductInfo.Version,
            };
            return new LeaderElection(
                provider.GetRequiredService<ConsulClient>(),
                options.KvPrefix,
                self,
                new LeaderElectionOptions { SessionTtl = options.LeaderTtl, CheckTtl = options.LeaderCheckTtl, LockDelay = options.LeaderLockDelay },
                provider.GetRequiredService<ILogger<LeaderElection>>(),
                time);
        });
        services.TryAddSingleton<ILeaderGuard>(provider => provider.GetRequiredService<LeaderElection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LeaderElection>(provider => provider.GetRequiredService<LeaderElection>()));
        return services;
    }
}
