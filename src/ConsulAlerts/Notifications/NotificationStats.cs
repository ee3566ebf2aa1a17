using System.Collections.Concurrent;

namespace ConsulAlerts.Notifications;

/// <summary>Per-notifier delivery counters, updated by the delivery pipeline, read by the status endpoint.</summary>
internal sealed class NotificationStats
{
    private readonly ConcurrentDictionary<string, NotifierStats> _byNotifier = new(StringComparer.Ordinal);

    /// <summary>Every notifier that has had a delivery, by instance name.</summary>
    public IReadOnlyList<NotifierStats> Snapshot() =>
        _byNotifier.Values.OrderBy(s => s.Notifier, StringComparer.Ordinal).ToList();

    public NotifierStats? Get(string notifier) => _byNotifier.TryGetValue(notifier, out var stats) ? stats : null;

    public void RecordDelivered(string notifier, int messageCount, DateTimeOffset at) =>
        Update(notifier, current => current with { Sent = current.Sent + messageCount, ConsecutiveFailures = 0, LastSuccessAt = at });

    /// <summary>A failed attempt: retried (<paramref name="willRetry"/>) or given up, which counts its messages as failed.</summary>
    public void RecordFailedAttempt(string notifier, int messageCount, string error, DateTimeOffset at, bool willRetry) =>
        Update(notifier, current => current with
        {
            Failed = willRetry ? current.Failed : current.Failed + messageCount,
            Retried = willRetry ? current.Retried + messageCount : current.Retried,
            ConsecutiveFailures = current.ConsecutiveFailures + 1,
            LastError = error,
            LastErrorAt = at,
        });

    /// <summary>Messages dropped without an attempt (a full queue).</summary>
    public void RecordDropped(string notifier, int messageCount, string error, DateTimeOffset at) =>
        Update(notifier, current => current with { Failed = current.Failed + messageCount, LastError = error, LastErrorAt = at });

    /// <summary>Deliveries gathered in the instance's open group (0 when none is open).</summary>
    public void SetGrouping(string notifier, int gathered) => Update(notifier, current => current with { Grouping = gathered });

    public void SetQueued(string notifier, int queued) => Update(notifier, current => current with { Queued = queued });

    private void Update(string notifier, Func<NotifierStats, NotifierStats> change)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _byNotifier.AddOrUpdate(notifier, static (name, change) => change(NotifierStats.Empty(name)), static (_, current, change) => change(current), change);
    }
}
