using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>Keeps every batch handed over for delivery, with the configuration it was decided with and the term's token.</summary>
internal sealed class RecordingDispatcher : INotificationDispatcher
{
    private readonly Lock _gate = new();
    private readonly List<(IReadOnlyList<Message> Messages, AlertsConfig Config)> _batches = [];
    private readonly List<CancellationToken> _tokens = [];

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

    /// <summary>The token each batch was handed over with, in the order of <see cref="Batches"/>.</summary>
    public IReadOnlyList<CancellationToken> Tokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens];
            }
        }
    }

    public IReadOnlyList<Message> Messages => Batches.SelectMany(b => b.Messages).ToList();

    public Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add((messages, config));
            _tokens.Add(cancellationToken);
        }

        return Task.CompletedTask;
    }
}
