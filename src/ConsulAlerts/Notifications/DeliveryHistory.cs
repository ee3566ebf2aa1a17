using System.Runtime.CompilerServices;

namespace ConsulAlerts.Notifications;

/// <summary>
/// The last deliveries of each notifier instance, for the dashboard: when, how many messages, which checks, and how
/// it went. A delivery being retried shows as <see cref="DeliveryHistoryOutcome.Retrying"/> until it ends. The error
/// text is the pipeline's classified one (a status code, a fixed reason), never a URL, key or response body.
/// </summary>
internal sealed class DeliveryHistory
{
    /// <summary>Deliveries kept per notifier instance.</summary>
    public const int PerNotifier = 20;

    /// <summary>Checks named per delivery; a bigger batch shows its count only.</summary>
    public const int ChecksPerEntry = 10;

    // One history per statistics instance: both describe the same pipeline, and the pipeline already carries its
    // statistics everywhere, so the history needs no wiring of its own.
    private static readonly ConditionalWeakTable<NotificationStats, DeliveryHistory> ByStats = [];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedList<Entry>> _byNotifier = new(StringComparer.Ordinal);

    /// <summary>The history of the pipeline that keeps <paramref name="stats"/>.</summary>
    public static DeliveryHistory Of(NotificationStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return ByStats.GetValue(stats, static _ => new DeliveryHistory());
    }

    /// <summary>Records how an attempt of <paramref name="delivery"/> ended; a later attempt updates the same entry.</summary>
    public void Record(NotificationDelivery delivery, DeliveryHistoryOutcome outcome, string? error, int attempt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            if (!_byNotifier.TryGetValue(delivery.Instance, out var entries))
            {
                _byNotifier[delivery.Instance] = entries = new LinkedList<Entry>();
            }

            var entry = entries.First;
            while (entry is not null && !ReferenceEquals(entry.Value.Delivery, delivery))
            {
                entry = entry.Next;
            }

            if (entry is not null)
            {
                entry.Value.Record = entry.Value.Record with { At = at, Outcome = outcome, Error = error, Attempts = attempt };
                return;
            }

            entries.AddFirst(new Entry(delivery, new DeliveryRecord(
                at,
                delivery.Instance,
                delivery.Messages.Count,
                [.. delivery.Messages.Take(ChecksPerEntry).Select(m => new DeliveredCheck(m.Node, m.CheckId, m.Check, m.Status))],
                outcome,
                attempt,
                error)));
            if (entries.Count > PerNotifier)
            {
                entries.RemoveLast();
            }
        }
    }

    /// <summary>Every notifier's recent deliveries, newest first, notifiers by name.</summary>
    public IReadOnlyList<DeliveryRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byNotifier.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Select(e => e.Record))];
        }
    }

    private sealed class Entry(NotificationDelivery delivery, DeliveryRecord record)
    {
        // Held only while the entry is kept: at most PerNotifier deliveries per notifier.
        public NotificationDelivery Delivery { get; } = delivery;

        public DeliveryRecord Record { get; set; } = record;
    }
}
