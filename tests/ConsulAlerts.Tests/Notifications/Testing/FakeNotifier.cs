using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>A notifier whose behaviour the test supplies; records every call.</summary>
internal sealed class FakeNotifier(string name, Func<IReadOnlyList<Message>, NotifierConfig, CancellationToken, Task<NotifyResult>>? behaviour = null) : INotifier
{
    private readonly Lock _gate = new();
    private readonly List<(IReadOnlyList<Message> Messages, NotifierConfig Config)> _calls = [];

    public string Name => name;

    public IReadOnlyList<(IReadOnlyList<Message> Messages, NotifierConfig Config)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((messages, config));
        }

        return behaviour?.Invoke(messages, config, cancellationToken) ?? Task.FromResult(NotifyResult.Ok);
    }
}
