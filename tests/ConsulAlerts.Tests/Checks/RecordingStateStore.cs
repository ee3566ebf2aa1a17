using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

/// <summary>An in-memory <see cref="ICheckStateStore"/>: what a new leader loads; can fail its next loads.</summary>
internal sealed class RecordingStateStore : ICheckStateStore
{
    private int _failuresLeft;
    private int _loads;

    public ConcurrentDictionary<string, CheckState> Stored { get; } = new(StringComparer.Ordinal);

    public int Loads => Volatile.Read(ref _loads);

    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new ConsulAlerts.Consul.Errors.ConsulTransportException("GET", "/v1/kv", "consul down", isRetryable: true, innerException: null);
        }

        return Task.FromResult<IReadOnlyList<StoredCheckState>>(Stored.Select(p => new StoredCheckState(p.Key, p.Value)).ToList());
    }
}
