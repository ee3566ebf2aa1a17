using System.Collections.Concurrent;
using ConsulAlerts.Checks;
using ConsulAlerts.Notifications;
using ConsulAlerts.Routing;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>Reminders kept in a dictionary, with a count of writes.</summary>
internal sealed class InMemoryReminderStore : IReminderStore
{
    public ConcurrentDictionary<string, Message> Stored { get; } = new(StringComparer.Ordinal);

    public int Writes => _writes;

    private int _writes;

    public string KeyFor(CheckKey check) => $"consul-alerts/reminders/{check.Node}/{check.CheckId}";

    public Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, Message>>>([.. Stored]);

    public Task PutAsync(string key, Message message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        Stored[key] = message;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        Stored.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
