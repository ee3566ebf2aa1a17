using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>
/// Keeps every decision handed over for recording, with the configuration it was decided with, and applies the
/// reminder writes that go with them to an <see cref="InMemoryReminderStore"/>, as the state writer would.
/// </summary>
internal sealed class RecordingRecorder(InMemoryReminderStore reminders) : IDecisionRecorder
{
    private readonly Lock _gate = new();
    private readonly List<(IReadOnlyList<Message> Messages, AlertsConfig Config)> _batches = [];
    private readonly List<CheckStateChange> _states = [];

    public IReadOnlyList<(IReadOnlyList<Message> Messages, AlertsConfig Config)> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<Message> Messages => Batches.SelectMany(b => b.Messages).ToList();

    /// <summary>Check states written, plain or with a decision, in order.</summary>
    public IReadOnlyList<CheckStateChange> States
    {
        get
        {
            lock (_gate)
            {
                return [.. _states];
            }
        }
    }

    public void Write(IReadOnlyList<CheckStateChange> states, IReadOnlyList<TxnOperation> others)
    {
        lock (_gate)
        {
            _states.AddRange(states);
            Apply(others);
        }
    }

    public void Record(IReadOnlyList<RoutedChange> changes, AlertsConfig config)
    {
        lock (_gate)
        {
            _batches.Add((changes.Select(c => c.Message).ToList(), config));
            _states.AddRange(changes.Where(c => c.State is not null).Select(c => c.State!));
            Apply(changes.Where(c => c.Reminder is not null).Select(c => c.Reminder!));
        }
    }

    private void Apply(IEnumerable<TxnOperation> writes)
    {
        foreach (var write in writes)
        {
            var kv = write.Kv!;
            if (kv.Verb == "delete")
            {
                reminders.Delete(kv.Key);
            }
            else
            {
                reminders.Put(kv.Key, JsonSerializer.Deserialize(kv.Value, NotificationsJsonContext.Default.Message)!);
            }
        }
    }
}
