using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

/// <summary>An <see cref="IAlertSink"/> that records what it is given and can be told to fail.</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    private readonly ConcurrentQueue<IReadOnlyList<CheckTransition>> _batches = new();
    private readonly ConcurrentQueue<CheckInfo> _vanished = new();
    private int _failuresLeft;
    private int _attempts;

    /// <summary>Every transition delivered, in order.</summary>
    public IReadOnlyList<CheckTransition> Transitions => _batches.SelectMany(b => b).ToList();

    public IReadOnlyList<IReadOnlyList<CheckTransition>> Batches => _batches.ToList();

    public IReadOnlyList<CheckInfo> Vanished => _vanished.ToList();

    /// <summary>Calls of <see cref="OnTransitionsAsync"/>, failed ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// When set, each batch's delivery completes only when this task does (as a notifier that takes its time);
    /// null (the default) means delivered at once.
    /// </summary>
    public Task? Delivered { get; set; }

    /// <summary>Makes the next <paramref name="count"/> transition deliveries throw.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task<Task> OnTransitionsAsync(IReadOnlyList<CheckTransition> transitions, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("notifier down");
        }

        _batches.Enqueue(transitions.ToList());
        return Task.FromResult(Delivered ?? Task.CompletedTask);
    }

    public Task OnVanishedAsync(IReadOnlyList<CheckInfo> checks, CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            _vanished.Enqueue(check);
        }

        return Task.CompletedTask;
    }
}
