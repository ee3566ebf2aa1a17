using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>Composition of silences.</summary>
internal static class SilencesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SilenceStore"/> singleton (also as the <see cref="ISilenceSource"/> the muting stage
    /// reads), the <see cref="SilenceWriter"/> the API uses, the <see cref="SilenceWatcher"/> that fills the store in
    /// every role, and the leader-only <see cref="SilenceRetention"/>. Needs the registrations of <c>AddConsulAlerts</c>
    /// (options, Consul client, clock, logging, configuration, leader election).
    /// </summary>
    public static IServiceCollection AddSilences(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SilenceStore>();
        services.TryAddSingleton<ISilenceSource>(provider => provider.GetRequiredService<SilenceStore>());
        services.TryAddSingleton<SilenceWriter>();
        services.AddHostedService<SilenceWatcher>();
        services.AddHostedService<SilenceRetention>();
        return services;
    }
}
