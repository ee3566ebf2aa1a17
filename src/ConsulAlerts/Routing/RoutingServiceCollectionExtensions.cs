using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Notifiers.AwsSns;
using ConsulAlerts.Notifications.Notifiers.Custom;
using ConsulAlerts.Notifications.Notifiers.Discord;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Notifications.Notifiers.HipChat;
using ConsulAlerts.Notifications.Notifiers.HttpEndpoint;
using ConsulAlerts.Notifications.Notifiers.ILert;
using ConsulAlerts.Notifications.Notifiers.InfluxDb;
using ConsulAlerts.Notifications.Notifiers.Jsm;
using ConsulAlerts.Notifications.Notifiers.Log;
using ConsulAlerts.Notifications.Notifiers.Mattermost;
using ConsulAlerts.Notifications.Notifiers.MattermostWebhook;
using ConsulAlerts.Notifications.Notifiers.MsTeams;
using ConsulAlerts.Notifications.Notifiers.OpsGenie;
using ConsulAlerts.Notifications.Notifiers.PagerDuty;
using ConsulAlerts.Notifications.Notifiers.Slack;
using ConsulAlerts.Notifications.Notifiers.VictorOps;
using ConsulAlerts.Notifications.Notifiers.Webhook;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Consul;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Processes;
using ConsulAlerts.Resilience;
using ConsulAlerts.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>Composition of alert routing, reminders and notification delivery.</summary>
internal static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the router (as <see cref="IDecisionSink"/>), the reminder scheduler and its KV store, the decision
    /// recorder and the state writer, the delivery stage (<see cref="NotificationDispatcher"/>, as
    /// <see cref="IDeliveryQueue"/>) with its KV outbox and statistics, and every built-in notifier and the custom notifier runner (as
    /// <see cref="INotifier"/>). Needs, from elsewhere: <see cref="ICheckView"/> (the check tracker), the Consul client,
    /// <c>ConsulAlertsOptions</c>, a <see cref="TimeProvider"/> and logging (<c>AddConsulAlerts</c>).
    /// </summary>
    public static IServiceCollection AddAlertRouting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AlertsConfigStore>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetService<ConsulAlertsOptions>();
            var local = options?.Consul.Datacenter ?? DatacenterNaming.Default.Local;
            var datacenters = options?.Datacenters ?? DatacenterSelection.LocalOnly;
            return new NotificationDispatcherOptions { Naming = new DatacenterNaming(local, datacenters.All || datacenters.Names.Any(d => d != local)) };
        });
        services.TryAddSingleton(provider => new CustomNotifierOptions { Environment = provider.GetService<ScriptEnvironment>() ?? ScriptEnvironment.None });
        services.TryAddSingleton<NotificationStats>();
        // TryAddEnumerable keeps the registration idempotent: composing twice must not register a notifier twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, LogNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, CustomNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, EmailNotifier>());
        // One pooled client for every HTTP notifier. Its request logging is removed: it would log webhook URLs,
        // which carry their credentials.
        services.AddHttpClient(NotifierHttp.ClientName).RemoveAllLoggers();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, SlackNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, MattermostNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, MattermostWebhookNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, MsTeamsNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, DiscordNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, WebhookNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, PagerDutyNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, OpsGenieNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, JsmNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, VictorOpsNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, ILertNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, HipChatNotifier>());
        services.TryAddSingleton<IOutboxStore, ConsulOutboxStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, HttpEndpointNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, AwsSnsNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, InfluxDbNotifier>());
        services.TryAddSingleton(provider => new NotificationDispatcher(
            provider.GetServices<INotifier>(),
            provider.GetRequiredService<NotificationStats>(),
            provider.GetRequiredService<NotificationDispatcherOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<NotificationDispatcher>>(),
            provider.GetRequiredService<IOutboxStore>(),
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetRequiredService<RetryPipelines>()));
        services.TryAddSingleton<IDeliveryQueue>(provider => provider.GetRequiredService<NotificationDispatcher>());
        services.TryAddSingleton(provider => new KvLayout(provider.GetRequiredService<ConsulAlertsOptions>().KvPrefix));
        services.TryAddSingleton(provider => new RetryPipelines(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ConsulClient>().Transport.Reachability));
        services.TryAddSingleton<StateWriter>();
        services.TryAddSingleton<DecisionRecorder>();
        services.TryAddSingleton<IDecisionRecorder>(provider => provider.GetRequiredService<DecisionRecorder>());
        services.TryAddSingleton<IReminderStore, ConsulReminderStore>();
        services.TryAddSingleton<ReminderScheduler>();
        services.TryAddSingleton<MuteStats>();
        services.TryAddSingleton(provider => new AlertRouter(
            provider.GetRequiredService<AlertsConfigStore>(),
            provider.GetRequiredService<ReminderScheduler>(),
            provider.GetRequiredService<IDecisionRecorder>(),
            provider.GetRequiredService<MuteStats>(),
            provider.GetRequiredService<ILogger<AlertRouter>>(),
            (provider.GetService<LocalDatacenter>() ?? LocalDatacenter.Unknown).Name));
        services.TryAddSingleton<IDecisionSink>(provider => provider.GetRequiredService<AlertRouter>());
        return services;
    }
}
