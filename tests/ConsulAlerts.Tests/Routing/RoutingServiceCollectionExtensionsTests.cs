using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Routing;

public sealed class RoutingServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddAlertRouting_WithTheDaemonServicesAndACheckView_ResolvesRouterDispatcherRemindersAndNotifiers()
    {
        var services = new ServiceCollection();
        services.AddConsulAlerts(new ConsulAlertsOptions { Consul = new ConsulClientOptions { Address = "127.0.0.1:1" } });
        services.AddSingleton<ICheckView, FakeCheckView>();

        services.AddAlertRouting();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IDecisionSink>().ShouldBeOfType<AlertRouter>();
        provider.GetRequiredService<IDeliveryQueue>().ShouldBeSameAs(provider.GetRequiredService<NotificationDispatcher>());
        provider.GetRequiredService<IDecisionRecorder>().ShouldBeOfType<DecisionRecorder>();
        provider.GetRequiredService<IReminderStore>().ShouldBeOfType<ConsulReminderStore>();
        provider.GetRequiredService<ReminderScheduler>().ShouldNotBeNull();
        provider.GetServices<INotifier>().Select(n => n.Name).ShouldBe(["log", "custom", "email", "slack", "mattermost", "mattermost-webhook", "msteams", "discord", "webhook", "pagerduty", "opsgenie", "jsm", "victorops", "ilert", "hipchat", "http-endpoint", "awssns", "influxdb"]);
    }
}
