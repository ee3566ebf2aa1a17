using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Notifications.Outbox;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>An in-memory outbox with batches and commit records, that checks the guard it is given and can be made to fail.</summary>
internal sealed class FakeOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, OutboxEntry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _commits = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string>> _removals = [];

    /// <summary>The guard writes must carry; null accepts any.</summary>
    public TxnOperation? RequiredGuard { get; set; }

    /// <summary>While true every call fails as Consul unreachable.</summary>
    public bool Down { get; set; }

    public int Adds { get; private set; }

    /// <summary>The ids of every removal that succeeded, one list per call.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Removals
    {
        get
        {
            lock (_gate)
            {
                return [.. _removals];
            }
        }
    }

    /// <summary>Every stored entry, committed or not.</summary>
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

    /// <summary>Every stored key: entries and commit records.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Keys.Concat(_commits.Select(OutboxKeys.Commit)).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Stores an entry as committed (an id without a slash, or of a batch then marked committed).</summary>
    public void Seed(OutboxEntry entry, bool committed = true)
    {
        lock (_gate)
        {
            _entries[entry.Id] = entry;
            if (committed && OutboxKeys.BatchOfEntry(entry.Id) is { } batch)
            {
                _commits.Add(batch);
            }
        }
    }

    public Task<OutboxContents> LoadAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate)
        {
            var batches = _entries.Keys.Select(OutboxKeys.BatchOfEntry).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var leftovers = batches.Where(b => !_commits.Contains(b)).Select(OutboxKeys.Tree)
                .Concat(_commits.Where(b => !batches.Contains(b)).Select(OutboxKeys.Commit))
                .Order(StringComparer.Ordinal)
                .ToList();
            var committed = _entries.Values.Where(e => OutboxKeys.BatchOfEntry(e.Id) is not { } b || _commits.Contains(b)).ToList();
            return Task.FromResult(new OutboxContents(committed, leftovers));
        }
    }

    public Task<IReadOnlyList<string>> AddAsync(string batch, IReadOnlyList<OutboxEntry> entries, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        CheckGuard(guard);
        lock (_gate)
        {
            Adds++;
            RemoveTree(batch);
            foreach (var entry in entries)
            {
                _entries[entry.Id] = entry;
            }

            _commits.Add(batch);
        }

        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    public Task RemoveAsync(IReadOnlyList<string> ids, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        CheckGuard(guard);
        lock (_gate)
        {
            _removals.Add([.. ids]);
            foreach (var id in ids)
            {
                if (id.EndsWith('/'))
                {
                    RemoveTree(id[..^1]);
                }
                else if (OutboxKeys.BatchOfEntry(id) is { } batch && id == OutboxKeys.Commit(batch))
                {
                    _commits.Remove(batch);
                }
                else
                {
                    _entries.Remove(id);
                }
            }
        }

        return Task.CompletedTask;
    }

    public bool Fits(OutboxEntry entry) =>
        TxnBatcher.Fits(TxnOperation.KvSet("consul-alerts/outbox/" + OutboxKeys.Entry(new string('0', 36), 0), ConsulOutboxStore.Serialize(entry)), RequiredGuard);

    private void RemoveTree(string batch)
    {
        foreach (var key in _entries.Keys.Where(k => OutboxKeys.BatchOfEntry(k) == batch).ToList())
        {
            _entries.Remove(key);
        }

        _commits.Remove(batch);
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
