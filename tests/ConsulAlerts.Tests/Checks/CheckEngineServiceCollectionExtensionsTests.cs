using ConsulAlerts.Checks;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Checks;

public sealed class CheckEngineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCheckEngine_WithDaemonServicesAndASink_ResolvesTheEngineAsViewAndAWatcher()
    {
        var services = new ServiceCollection()
            .AddConsulAlerts(new ConsulAlertsOptions { KvPrefix = "team-a" })
            .AddSingleton<IDecisionSink, RecordingDecisionSink>()
            .AddCheckEngine();
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<CheckEngine>();

        provider.GetRequiredService<ICheckView>().ShouldBeSameAs(engine);
        provider.GetRequiredService<CheckStateFollower>().ShouldNotBeNull();
        provider.GetRequiredService<HealthWatcher>().ShouldNotBeNull();
        provider.GetRequiredService<CheckStateStore>().Prefix.ShouldBe("team-a/checks/");
    }
}
