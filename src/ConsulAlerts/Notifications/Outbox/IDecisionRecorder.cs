using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>The stage after the router and the reminders: stores decisions with their deliveries (<see cref="DecisionRecorder"/>).</summary>
internal interface IDecisionRecorder
{
    /// <summary>State changes and other writes that notify nobody; never blocks.</summary>
    void Write(IReadOnlyList<CheckStateChange> states, IReadOnlyList<TxnOperation> others);

    /// <summary>Changes to notify, each stored in one transaction with its deliveries, chosen from <paramref name="config"/>; never blocks.</summary>
    void Record(IReadOnlyList<RoutedChange> changes, AlertsConfig config);
}
