using System.Collections.Concurrent;

namespace ConsulAlerts.Notifications;

/// <summary>Per-notifier delivery counters, updated by the dispatcher, read by the status endpoint.</summary>
internal sealed class NotificationStats
{
    private readonly ConcurrentDictionary<string, NotifierStats> _byNotifier = new(StringComparer.Ordinal);

    /// <summary>Every notifier that has had a delivery, by instance name.</summary>
    public IReadOnlyList<NotifierStats> Snapshot() =>
        _byNotifier.Values.OrderBy(s => s.Notifier, StringComparer.Ordinal).ToList();

    public NotifierStats? Get(string notifier) => _byNotifier.TryGetValue(notifier, out var stats) ? stats : null;

    public void Record(string notifier, int messageCount, NotifyResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _byNotifier.AddOrUpdate(
            notifier,
            static (name, update) => Apply(new NotifierStats(name, 0, 0, null, null, null), update.Count, update.Result, update.At),
            static (_, current, update) => Apply(current, update.Count, update.Result, update.At),
            (Count: messageCount, Result: result, At: at));
    }

    private static NotifierStats Apply(NotifierStats current, int count, NotifyResult result, DateTimeOffset at) =>
        result.Success
            ? current with { Sent = current.Sent + count, LastSuccessAt = at }
            : current with { Failed = current.Failed + count, LastError = result.Error, LastErrorAt = at };
}
