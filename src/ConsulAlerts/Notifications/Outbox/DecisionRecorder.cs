using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// Turns routed decisions into what the <see cref="StateWriter"/> stores: one record per decision (Alertmanager's
/// notification log is the model). The deliveries of a group of changes (one per notifier instance,
/// <see cref="NotifierSelection"/>) become outbox entries <c>&lt;batch&gt;/&lt;n&gt;</c>, and the batch's commit record
/// goes in one transaction with the check states (and reminders) that say the change was decided: a reader sees the
/// decision and its deliveries together or neither. Changes are grouped so that this atomic part always fits one
/// transaction; entries that do not fit beside it are written in transactions before it. An entry too large for
/// any transaction is split, and a single message is bounded further until it fits, so every delivery is recorded.
/// </summary>
internal sealed class DecisionRecorder(
    StateWriter writer,
    NotificationDispatcher dispatcher,
    NotificationStats stats,
    NotificationDispatcherOptions options,
    KvLayout layout,
    TimeProvider timeProvider,
    ILogger<DecisionRecorder> logger) : IDecisionRecorder
{
    /// <summary>Operations of the atomic part beside the leader's guard and the commit record.</summary>
    private const int MaxAtomicChanges = ConsulLimits.MaxTxnOperations - 2;

    /// <summary>Room left in a transaction for the guard, the commit record and the JSON around them.</summary>
    private const int AtomicBodyBudget = ConsulLimits.TxnBodyBudget - 2048;

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly TxnOperation _sampleGuard = TxnOperation.KvCheckSession(layout.Leader, new string('0', 36));

    /// <summary>State changes that notify nobody: stored with the next transaction.</summary>
    public void Write(IReadOnlyList<CheckStateChange> states, IReadOnlyList<TxnOperation> others)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(others);
        if (states.Count + others.Count > 0)
        {
            writer.Write(states.Select(ToWrite).Concat(others));
        }
    }

    /// <summary>Records decided changes with their deliveries, chosen from <paramref name="config"/> (the snapshot they were decided with).</summary>
    public void Record(IReadOnlyList<RoutedChange> changes, AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(config);
        var chunk = new List<(RoutedChange Change, List<TxnOperation> Writes)>();
        var bytes = 0;
        foreach (var change in changes)
        {
            var writes = new List<TxnOperation>(2);
            if (change.State is { } state)
            {
                writes.Add(ToWrite(state));
            }

            if (change.Reminder is { } reminder)
            {
                writes.Add(reminder);
            }

            var size = writes.Sum(w => TxnBatcher.Encode(w).Json.Length + 1);
            if (chunk.Count > 0 && (chunk.Sum(c => c.Writes.Count) + writes.Count > MaxAtomicChanges || bytes + size > AtomicBodyBudget))
            {
                RecordChunk(chunk, config);
                chunk = [];
                bytes = 0;
            }

            chunk.Add((change, writes));
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            RecordChunk(chunk, config);
        }
    }

    /// <summary>The record of a delivery: it names the notifier instance and profile, never its effective settings.</summary>
    public static OutboxEntry ToEntry(NotificationDelivery delivery, string id)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new OutboxEntry
        {
            Id = id,
            Instance = delivery.Instance,
            Kind = delivery.Kind,
            Notifier = delivery.Config.Name,
            Overrides = delivery.Overrides,
            Profile = delivery.Profile,
            Messages = delivery.Messages,
            Created = delivery.Created,
        };
    }

    private void RecordChunk(List<(RoutedChange Change, List<TxnOperation> Writes)> chunk, AlertsConfig config)
    {
        var messages = chunk.ConvertAll(c => c.Change.Message);
        var now = timeProvider.GetUtcNow();
        var plan = NotifierSelection.Plan(messages, config);
        // One line for all the names not reported yet (a profile may list hundreds), and never the names themselves:
        // they are part of a KV value, and the configuration error of the profile's key already points at them.
        int unreported;
        lock (_reported)
        {
            unreported = plan.UnknownNotifiers.Count(name => _reported.Add("unknown\n" + name));
        }

        if (unreported > 0)
        {
            NotificationsLog.UnknownNotifiers(logger, unreported);
        }

        var deliveries = new List<NotificationDelivery>(plan.Deliveries.Count);
        foreach (var planned in plan.Deliveries)
        {
            if (!dispatcher.Knows(planned.Kind))
            {
                ReportOnce("unavailable\n" + planned.Kind, () => NotificationsLog.NotifierUnavailable(logger, planned.Instance));
                continue;
            }

            if (dispatcher.QueuedFor(planned.Instance) >= options.QueueCapacity)
            {
                stats.RecordDropped(planned.Instance, planned.Messages.Count, $"queue full ({options.QueueCapacity} deliveries waiting)", now);
                NotificationsLog.QueueFull(logger, planned.Instance, options.QueueCapacity, planned.Messages.Count);
                continue;
            }

            deliveries.AddRange(SplitToFit(planned with { Created = now }));
        }

        var batch = OutboxKeys.BatchOf(messages);
        var identified = deliveries.Select((d, i) => d with { OutboxId = OutboxKeys.Entry(batch, i) }).ToList();
        var entries = identified.ConvertAll(d => TxnOperation.KvSet(layout.OutboxItem(d.OutboxId!), Serialize(ToEntry(d, d.OutboxId!))));
        var atomic = new List<TxnOperation>();
        if (identified.Count > 0)
        {
            atomic.Add(TxnOperation.KvSet(
                layout.OutboxItem(OutboxKeys.Commit(batch)),
                JsonSerializer.SerializeToUtf8Bytes(new OutboxCommit { Entries = identified.Count }, OutboxJsonContext.Default.OutboxCommit)));
        }

        atomic.AddRange(chunk.SelectMany(c => c.Writes));
        if (atomic.Count > 0)
        {
            writer.Record(new WriteRecord(entries, atomic, identified));
        }
    }

    /// <summary>The delivery, or its halves (recursively) when its entry would not fit one transaction; a single message that still does not fit is bounded further.</summary>
    private IEnumerable<NotificationDelivery> SplitToFit(NotificationDelivery delivery)
    {
        if (Fits(delivery))
        {
            return [delivery];
        }

        if (delivery.Messages.Count < 2)
        {
            return [Squeeze(delivery)];
        }

        var half = delivery.Messages.Count / 2;
        return SplitToFit(delivery with { Messages = delivery.Messages.Take(half).ToList() })
            .Concat(SplitToFit(delivery with { Messages = delivery.Messages.Skip(half).ToList() }));
    }

    /// <summary>
    /// A one-message delivery bounded until its entry fits: its texts cut to 1 KiB, then the profile's overrides left
    /// out (each attempt reads them from the profile anyway), then every field cut to 1 KiB.
    /// </summary>
    private NotificationDelivery Squeeze(NotificationDelivery delivery)
    {
        const int Small = 1024;
        var message = delivery.Messages[0];
        var texts = message with { Output = CheckText.Bound(message.Output, Small), Notes = CheckText.Bound(message.Notes, Small), Check = CheckText.Bound(message.Check, Small) };
        var squeezed = delivery with { Messages = [texts] };
        if (!Fits(squeezed))
        {
            squeezed = squeezed with
            {
                Messages = [texts with { VarOverrides = VarOverridesJsonConverter.Empty, NotifList = null }],
                Overrides = null,
            };
        }

        if (!Fits(squeezed))
        {
            var bare = squeezed.Messages[0];
            squeezed = squeezed with
            {
                Messages =
                [
                    bare with
                    {
                        Node = CheckText.Bound(bare.Node, Small),
                        ServiceId = CheckText.Bound(bare.ServiceId, Small),
                        Service = CheckText.Bound(bare.Service, Small),
                        CheckId = CheckText.Bound(bare.CheckId, Small),
                    },
                ],
            };
        }

        OutboxLog.Squeezed(logger, delivery.Instance, message.Node, message.CheckId);
        return squeezed;
    }

    private bool Fits(NotificationDelivery delivery)
    {
        // Measured as it would be sent: the longest id a batch entry has, beside a guard of the usual size.
        var id = OutboxKeys.Entry(new string('0', 36), 99999);
        return TxnBatcher.Fits(TxnOperation.KvSet(layout.OutboxItem(id), Serialize(ToEntry(delivery, id))), _sampleGuard);
    }

    private TxnOperation ToWrite(CheckStateChange change) =>
        change.State is null
            ? TxnOperation.KvDelete(layout.CheckState(change.Key))
            : TxnOperation.KvSet(layout.CheckState(change.Key), CheckStateStore.Serialize(change.State));

    private static byte[] Serialize(OutboxEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, OutboxJsonContext.Default.OutboxEntry);

    private void ReportOnce(string key, Action report)
    {
        lock (_reported)
        {
            if (!_reported.Add(key))
            {
                return;
            }
        }

        report();
    }
}
