using ConsulAlerts.DevAgent.Blocking;

namespace ConsulAlerts.DevAgent.Events;

/// <summary>The agent's local ring of the 256 most recent user events, with a Lamport-like clock.</summary>
internal sealed class EventBuffer
{
    public const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly Queue<UserEvent> _events = new();
    private ulong _ltime;

    public ChangeSignal Changed { get; } = new();

    /// <summary>Stores an event (as received over gossip) and returns the copy the fire endpoint answers with (LTime 0).</summary>
    public UserEvent Fire(UserEvent fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        lock (_gate)
        {
            var stored = fired with { LTime = ++_ltime };
            _events.Enqueue(stored);
            if (_events.Count > Capacity)
            {
                _events.Dequeue();
            }

            Changed.Notify();
        }

        return fired with { LTime = 0 };
    }

    /// <summary>The buffered events (oldest first, optionally by name), their index, and a task that completes on the next event.</summary>
    public (List<UserEvent> Events, ulong Index, Task Changed) List(string? name)
    {
        lock (_gate)
        {
            var events = _events.Where(e => string.IsNullOrEmpty(name) || e.Name == name).ToList();
            return (events, EventIndex.ForList(events), Changed.Current);
        }
    }
}
