using ConsulAlerts.Configuration;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfigurationServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddAlertsConfiguration_WithDaemonServices_StoreSingletonAndWatcherHosted()
    {
        var services = new ServiceCollection()
            .AddConsulAlerts(new ConsulAlertsOptions { KvPrefix = "team-b" })
            .AddAlertsConfiguration();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<AlertsConfigStore>().ShouldBeSameAs(provider.GetRequiredService<AlertsConfigStore>());
        var watcher = provider.GetServices<IHostedService>().OfType<ConfigWatcher>().ShouldHaveSingleItem();
        watcher.Root.ShouldBe("team-b/config/");
    }
}
