using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// The stage after the check tracker: turns its decisions into messages, with one configuration snapshot per step.
/// Muted changes (maintenance, silences, inhibition, the blacklist: decided by the tracker's muting) are stored, not
/// sent, and lose their reminders; maintenance checks are dropped; every other change gets
/// its profile (service, service tags, check, host, datacenter, status, then <c>default</c>; a selected profile that does not exist falls back
/// to <c>default</c>, and with no profile at all the message goes to every enabled notifier without reminders) and its
/// reminder is set (non-passing, Interval &gt; 0) or deleted. Each change goes to the <see cref="DecisionRecorder"/>
/// with its check state and reminder write, to be stored in one transaction with its deliveries; changes that notify
/// nobody are stored as plain writes. Nothing here waits for I/O or reports back to the tracker.
/// </summary>
internal sealed class AlertRouter(
    AlertsConfigStore configStore,
    ReminderScheduler reminders,
    IDecisionRecorder recorder,
    MuteStats stats,
    ILogger<AlertRouter> logger,
    string localDatacenter = "") : IDecisionSink
{
    public void Accept(CheckDecisions decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var config = configStore.Current;
        var plain = new List<CheckStateChange>(decisions.Writes);
        var others = new List<TxnOperation>();
        var routed = new List<RoutedChange>(decisions.Changes.Count);

        foreach (var (transition, record, reason) in decisions.Muted)
        {
            var check = transition.Check;
            stats.Count(reason.Kind);
            plain.Add(record);
            AddIfAny(others, reminders.Remove(check.Key, "the check is muted"));
        }

        foreach (var (transition, record) in decisions.Changes)
        {
            var check = transition.Check;
            if (CheckStatus.IsMaintenance(check.CheckId))
            {
                RoutingLog.Maintenance(logger, check.Node, check.CheckId);
                plain.Add(record);
                continue;
            }

            var profile = SelectProfile(config, check, transition.Status);
            var message = Message.From(transition, profile);
            RoutingLog.Routed(logger, check.Node, check.CheckId, transition.Status, profile?.Name ?? "(none)");

            var reminder = transition.Status == CheckStatus.Passing
                ? reminders.Remove(check.Key, "the check is passing")
                : message.Interval > 0
                    ? reminders.Set(message)
                    : reminders.Remove(check.Key, "its profile has no reminders");
            routed.Add(new RoutedChange(message, record, reminder));
        }

        foreach (var check in decisions.Vanished)
        {
            AddIfAny(others, reminders.Remove(check.Key, "the check is gone"));
        }

        recorder.Write(plain, others);
        if (routed.Count > 0)
        {
            recorder.Record(routed, config);
        }
    }

    /// <summary>
    /// The profile for a check in a status: the selected one, else <c>default</c> when the selected one does not
    /// exist, else none.
    /// </summary>
    internal ProfileConfig? SelectProfile(AlertsConfig config, CheckInfo check, string status) =>
        SelectProfile(config, check, status, (name, fallback) => RoutingLog.ProfileMissing(logger, name, check.Node, check.CheckId, fallback), localDatacenter);

    /// <summary>
    /// The profile for a check in a status: the selected one, else <c>default</c> when the selected one does not
    /// exist (reported through <paramref name="onMissing"/> with the name of what is used instead), else none.
    /// </summary>
    internal static ProfileConfig? SelectProfile(AlertsConfig config, CheckInfo check, string status, Action<string, string>? onMissing, string localDatacenter = "")
    {
        var datacenter = LocalDatacenter.Resolve(check.Datacenter, localDatacenter);
        var name = config.Selection.ProfileFor(check.Node, check.ServiceId, check.CheckId, status, check.ServiceTags, datacenter);
        if (config.Profiles.TryGetValue(name, out var profile))
        {
            return profile;
        }

        if (name == SelectionConfig.DefaultProfile)
        {
            return null;
        }

        var fallback = config.Profiles.GetValueOrDefault(SelectionConfig.DefaultProfile);
        onMissing?.Invoke(name, fallback is null ? "no profile" : SelectionConfig.DefaultProfile);
        return fallback;
    }

    private static void AddIfAny(List<TxnOperation> writes, TxnOperation? write)
    {
        if (write is not null)
        {
            writes.Add(write);
        }
    }
}
