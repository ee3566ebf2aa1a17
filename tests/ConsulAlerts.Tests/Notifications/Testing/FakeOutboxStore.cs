using ConsulAlerts.Consul;
using ConsulAlerts.Notifications.Outbox;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>An in-memory outbox that checks the guard it is given and can be made to fail.</summary>
internal sealed class FakeOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, OutboxEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The guard writes must carry; null accepts any.</summary>
    public TxnOperation? RequiredGuard { get; set; }

    /// <summary>While true every call fails as Consul unreachable.</summary>
    public bool Down { get; set; }

    public int Adds { get; private set; }

    public IReadOnlyList<OutboxEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Values];
            }
        }
    }

    public void Seed(OutboxEntry entry)
    {
        lock (_gate)
        {
            _entries[entry.Id] = entry;
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(Entries);
    }

    public Task AddAsync(IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        CheckGuard(guard);
        lock (_gate)
        {
            Adds++;
            foreach (var entry in entries)
            {
                _entries[entry.Id] = entry;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        CheckGuard(guard);
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _entries.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    private void CheckGuard(TxnOperation? guard)
    {
        if (RequiredGuard is not null && !Equals(guard, RequiredGuard))
        {
            throw new ConsulConflictException("PUT", "/v1/txn", "guard does not hold");
        }
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new ConsulTransportException("PUT", "/v1/txn", "connection refused", isRetryable: true, null);
        }
    }
}
