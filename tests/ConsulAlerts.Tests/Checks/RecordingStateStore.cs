using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

/// <summary>An in-memory <see cref="ICheckStateStore"/> recording every write batch; can fail or hold writes.</summary>
internal sealed class RecordingStateStore : ICheckStateStore
{
    private readonly ConcurrentQueue<IReadOnlyList<CheckStateChange>> _writes = new();
    private int _failuresLeft;
    private int _attempts;

    public ConcurrentDictionary<string, CheckState> Stored { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<IReadOnlyList<CheckStateChange>> Writes => _writes.ToList();

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>When set, each write waits for it before completing.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredCheckState>>(Stored.Select(p => new StoredCheckState(p.Key, p.Value)).ToList());

    public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<CheckStateChange> changes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("consul down");
        }

        changes.Count.ShouldBeLessThanOrEqualTo(ICheckStateStore.MaxBatch);
        _writes.Enqueue(changes.ToList());
        foreach (var change in changes)
        {
            if (change.State is null)
            {
                Stored.TryRemove(change.Key, out _);
            }
            else
            {
                Stored[change.Key] = change.State;
            }
        }

        return [];
    }
}
