using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>A message to send, with what must be stored in the same transaction as its deliveries.</summary>
/// <param name="Message">The message (profile applied).</param>
/// <param name="State">The check state that records the decision; null for a reminder.</param>
/// <param name="Reminder">The reminder write that goes with it (set, advanced or deleted); null when the reminder does not change.</param>
internal sealed record RoutedChange(Message Message, CheckStateChange? State, TxnOperation? Reminder);
