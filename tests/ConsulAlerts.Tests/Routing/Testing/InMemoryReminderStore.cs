using System.Collections.Concurrent;
using ConsulAlerts.Checks;
using ConsulAlerts.Notifications;
using ConsulAlerts.Routing;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>Reminders kept in a dictionary, with a count of writes (applied by <see cref="RecordingRecorder"/>).</summary>
internal sealed class InMemoryReminderStore : IReminderStore
{
    private int _writes;

    public ConcurrentDictionary<string, Message> Stored { get; } = new(StringComparer.Ordinal);

    public int Writes => _writes;

    public string KeyFor(CheckKey check) => $"consul-alerts/reminders/{check.Node}/{check.CheckId}";

    public Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, Message>>>([.. Stored]);

    public void Put(string key, Message message)
    {
        Interlocked.Increment(ref _writes);
        Stored[key] = message;
    }

    public void Delete(string key)
    {
        Interlocked.Increment(ref _writes);
        Stored.TryRemove(key, out _);
    }
}
