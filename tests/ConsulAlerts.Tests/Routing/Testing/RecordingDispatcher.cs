using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>Keeps every batch handed over for delivery, with the configuration it was decided with.</summary>
internal sealed class RecordingDispatcher : INotificationDispatcher
{
    private readonly Lock _gate = new();
    private readonly List<(IReadOnlyList<Message> Messages, AlertsConfig Config)> _batches = [];

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

    public Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add((messages, config));
        }

        return Task.CompletedTask;
    }
}
