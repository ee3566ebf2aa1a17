using ConsulAlerts.Hosting;
using ConsulAlerts.Muting;
using ConsulAlerts.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilencesServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddConsulAlerts_Daemon_OneStoreIsTheSilenceSourceAndWatcherAndRetentionHosted()
    {
        var services = new ServiceCollection().AddConsulAlerts(new ConsulAlertsOptions { KvPrefix = "team-b" });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var store = provider.GetRequiredService<SilenceStore>();
        provider.GetRequiredService<ISilenceSource>().ShouldBeSameAs(store);
        provider.GetRequiredService<SilenceWriter>().ShouldNotBeNull();
        var hosted = provider.GetServices<IHostedService>().ToList();
        hosted.OfType<SilenceWatcher>().ShouldHaveSingleItem().Root.ShouldBe("team-b/silences/");
        hosted.OfType<SilenceRetention>().ShouldHaveSingleItem();
        hosted.FindIndex(h => h is SilenceRetention).ShouldBeGreaterThan(
            hosted.FindIndex(h => h is ConsulAlerts.Leadership.LeaderElection), "leader work stops before the election releases the lock");
    }
}
