using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// Turns the tracker's confirmed changes into notifications, with one configuration snapshot per batch:
/// blacklisted checks are dropped and lose their reminders; maintenance checks are dropped; every other change gets
/// its profile (service, check, host, status, then <c>default</c>; a selected profile that does not exist falls back
/// to <c>default</c>, and with no profile at all the message goes to every enabled notifier without reminders), its
/// reminder is set (non-passing, Interval &gt; 0) or deleted (passing, or a profile without reminders), and the batch
/// is handed to the dispatcher, which records it in the outbox before the router returns.
/// </summary>
internal sealed class AlertRouter(
    AlertsConfigStore configStore,
    ReminderScheduler reminders,
    INotificationDispatcher dispatcher,
    ILogger<AlertRouter> logger) : IAlertSink
{
    public async Task<Task> OnTransitionsAsync(IReadOnlyList<CheckTransition> transitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var config = configStore.Current;
        var messages = new List<Message>(transitions.Count);

        foreach (var transition in transitions)
        {
            var check = transition.Check;
            if (config.Blacklist.IsBlacklisted(check.Node, check.ServiceId, check.CheckId, transition.Status))
            {
                RoutingLog.Blacklisted(logger, check.Node, check.CheckId);
                await reminders.DeleteAsync(check.Key, "the check is blacklisted", cancellationToken);
                continue;
            }

            if (CheckStatus.IsMaintenance(check.CheckId))
            {
                RoutingLog.Maintenance(logger, check.Node, check.CheckId);
                continue;
            }

            var profile = SelectProfile(config, check, transition.Status);
            var message = Message.From(transition, profile);
            RoutingLog.Routed(logger, check.Node, check.CheckId, transition.Status, profile?.Name ?? "(none)");

            if (transition.Status == CheckStatus.Passing)
            {
                await reminders.DeleteAsync(check.Key, "the check is passing", cancellationToken);
            }
            else if (message.Interval > 0)
            {
                await reminders.SetAsync(message, cancellationToken);
            }
            else
            {
                await reminders.DeleteAsync(check.Key, "its profile has no reminders", cancellationToken);
            }

            messages.Add(message);
        }

        if (messages.Count > 0)
        {
            // Returns once the deliveries are recorded in the outbox: from then on they survive a crash or failover,
            // so the check state no longer needs to say they are to be sent.
            await dispatcher.DispatchAsync(messages, config, cancellationToken);
        }

        return Task.CompletedTask;
    }

    public async Task OnVanishedAsync(IReadOnlyList<CheckInfo> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var check in checks)
        {
            await reminders.DeleteAsync(check.Key, "the check is gone", cancellationToken);
        }
    }

    /// <summary>
    /// The profile for a check in a status: the selected one, else <c>default</c> when the selected one does not
    /// exist, else none.
    /// </summary>
    internal ProfileConfig? SelectProfile(AlertsConfig config, CheckInfo check, string status)
    {
        var name = config.Selection.ProfileFor(check.Node, check.ServiceId, check.CheckId, status);
        if (config.Profiles.TryGetValue(name, out var profile))
        {
            return profile;
        }

        if (name == SelectionConfig.DefaultProfile)
        {
            return null;
        }

        var fallback = config.Profiles.GetValueOrDefault(SelectionConfig.DefaultProfile);
        RoutingLog.ProfileMissing(logger, name, check.Node, check.CheckId, fallback is null ? "no profile" : SelectionConfig.DefaultProfile);
        return fallback;
    }
}
