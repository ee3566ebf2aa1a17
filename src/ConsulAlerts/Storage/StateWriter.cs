using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Notifications;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Storage;

/// <summary>
/// The leader's one writer of check states, reminders and outbox batches. Plain writes form a dirty set (the latest
/// value per key wins, so a check that changes five times while a write is under way is written once more, not five
/// times); decisions are <see cref="WriteRecord"/>s, kept in order. Everything waiting is packed into as few
/// transactions as Consul's limits allow (<see cref="TxnBatcher.PackGroups"/>), each led by the term's guard, with a
/// record's atomic part never split and never before its outbox entries; a record's deliveries go to the dispatcher
/// once its atomic part has committed. Failures are retried on the <see cref="RetryPipelines.StateWrites"/> pipeline,
/// each retry writing whatever is waiting by then; a guard that no longer holds ends the term's writing at once, and
/// what was not stored is decided again by the next leader (docs/ARCHITECTURE.md, "Exactly once").
/// </summary>
internal sealed class StateWriter
{
    private readonly ConsulClient _client;
    private readonly IDeliveryQueue _deliveries;
    private readonly RetryPipelines _retries;
    private readonly ILogger _logger;
    private readonly Outage _outage;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TxnOperation> _dirty = new(StringComparer.Ordinal);
    private readonly List<WriteRecord> _records = [];
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private Term? _term;
    private bool _running;
    private int _budget = ConsulLimits.TxnBodyBudget;

    public StateWriter(ConsulClient client, IDeliveryQueue deliveries, RetryPipelines retries, ILogger<StateWriter> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(retries);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _deliveries = deliveries;
        _retries = retries;
        _logger = logger;
        _outage = new Outage(RetryPipelines.StateWrites.Name, logger, timeProvider);
    }

    /// <summary>Writes and records waiting, the ones under way included.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count + _records.Count + (_running ? 1 : 0);
            }
        }
    }

    /// <summary>Starts writing for a leader term: every write carries <paramref name="guard"/>; nothing is written once <paramref name="term"/> ends.</summary>
    public void Begin(TxnOperation guard, CancellationToken term)
    {
        ArgumentNullException.ThrowIfNull(guard);
        lock (_gate)
        {
            _term = new Term(guard, term);
            _dirty.Clear();
            _records.Clear();
            _budget = ConsulLimits.TxnBodyBudget;
        }
    }

    /// <summary>Plain writes (set or delete, one key each): stored with the next transaction; a later write of the same key replaces an earlier one still waiting.</summary>
    public void Write(IEnumerable<TxnOperation> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            if (_term is not { Token.IsCancellationRequested: false })
            {
                return;
            }

            foreach (var write in writes)
            {
                _dirty[write.Kv!.Key] = write;
            }

            StartLocked();
        }
    }

    /// <summary>A decision, stored after everything handed over before it; it replaces plain writes of its keys still waiting.</summary>
    public void Record(WriteRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Atomic.Count == 0)
        {
            throw new ArgumentException("A record needs an atomic part.", nameof(record));
        }

        lock (_gate)
        {
            if (_term is not { Token.IsCancellationRequested: false })
            {
                return;
            }

            foreach (var write in record.Atomic)
            {
                _dirty.Remove(write.Kv!.Key);
            }

            _records.Add(record);
            StartLocked();
        }
    }

    /// <summary>Completes when nothing is waiting (tests), or when <paramref name="timeout"/> has passed (shutdown); false then.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var deadline = timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            Task idle;
            lock (_gate)
            {
                if (!_running && (_dirty.Count == 0 && _records.Count == 0 || _term is not { Token.IsCancellationRequested: false }))
                {
                    return true;
                }

                idle = _idle.Task;
            }

            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                StorageLog.FlushTimedOut(_logger, timeout);
                return false;
            }

            try
            {
                await idle.WaitAsync(left, timeProvider);
            }
            catch (TimeoutException)
            {
                StorageLog.FlushTimedOut(_logger, timeout);
                return false;
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }

    /// <summary>Starts the pump when there is work and none runs. Called under the lock.</summary>
    private void StartLocked()
    {
        if (_running || _term is not { } term)
        {
            return;
        }

        _running = true;
        if (_idle.Task.IsCompleted)
        {
            _idle = NewIdle(completed: false);
        }

        _ = Task.Run(() => PumpAsync(term));
    }

    private async Task PumpAsync(Term term)
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_term != term || term.Token.IsCancellationRequested || (_dirty.Count == 0 && _records.Count == 0))
                    {
                        StopLocked();
                        return;
                    }
                }

                await _retries.RunAsync(RetryPipelines.StateWrites, _outage, ct => WriteOnceAsync(term, ct), term.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConsulConflictException)
        {
            lock (_gate)
            {
                if (_term == term)
                {
                    StorageLog.TermOver(_logger, ex is ConsulConflictException ? ex.Message : "the term ended", _records.Count, _dirty.Count);
                    _records.Clear();
                    _dirty.Clear();
                }

                StopLocked();
            }
        }
#pragma warning disable CA1031 // The pump must always end cleanly: a pump that died still "running" would strand every later write.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                if (_term == term)
                {
                    StorageLog.WriterFailed(_logger, ex, ex.GetType().Name, _records.Count, _dirty.Count);
                    _records.Clear();
                    _dirty.Clear();
                }

                StopLocked();
            }
        }
    }

    private void StopLocked()
    {
        _running = false;

        // A pump winding down after its term ended may find a newer term's work, queued while it still ran (so no
        // pump was started for it): it must not be stranded until the next write comes.
        if (_term is { Token.IsCancellationRequested: false } && (_dirty.Count > 0 || _records.Count > 0))
        {
            StartLocked();
            return;
        }

        _idle.TrySetResult();
    }

    /// <summary>Writes everything waiting now; what did not commit is put back ahead of newer work, and the error rethrown for the retry.</summary>
    private async Task WriteOnceAsync(Term term, CancellationToken cancellationToken)
    {
        List<WriteRecord> records;
        List<TxnOperation> dirty;
        lock (_gate)
        {
            if (_term != term)
            {
                return;
            }

            records = [.. _records];
            dirty = [.. _dirty.Values];
            _records.Clear();
            _dirty.Clear();
        }

        var groups = new List<IReadOnlyList<TxnOperation>>();
        var owners = new List<(WriteRecord? Record, bool Atomic)>();
        foreach (var record in records)
        {
            foreach (var entry in record.Leading)
            {
                groups.Add([entry]);
                owners.Add((record, false));
            }

            groups.Add(record.Atomic);
            owners.Add((record, true));
        }

        foreach (var write in dirty)
        {
            groups.Add([write]);
            owners.Add((null, false));
        }

        var packing = TxnBatcher.PackGroups(groups, term.Guard, _budget);
        var done = new HashSet<int>(packing.Oversized);
        ReportOversized(packing.Oversized, groups, owners, term);
        try
        {
            foreach (var transaction in packing.Transactions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TxnResult result;
                try
                {
                    result = await _client.Txn.ExecuteAsync(transaction.Operations, options: null, cancellationToken);
                }
                catch (ConsulTooLargeException)
                {
                    // An agent with lower limits than Consul's defaults: pack smaller from now on.
                    var bytes = TxnBatcher.BodyBytes(transaction.Operations.ToList());
                    _budget = Math.Max(16 * 1024, Math.Min(_budget, bytes) / 2);
                    StorageLog.BudgetLowered(_logger, bytes, _budget);
                    throw;
                }

                if (!result.Committed)
                {
                    var reasons = string.Join("; ", result.Errors.Select(e => $"#{e.OpIndex}: {e.What}"));
                    throw new ConsulConflictException("PUT", "/v1/txn", $"this daemon no longer holds {term.Guard.Kv!.Key} ({reasons})");
                }

                foreach (var index in transaction.Groups)
                {
                    done.Add(index);
                    if (owners[index] is { Atomic: true, Record: { } record } && record.Deliveries.Count > 0)
                    {
                        _deliveries.Enqueue(record.Deliveries, term.Token);
                    }
                }
            }
        }
        catch
        {
            PutBack(term, groups, owners, done);
            throw;
        }
    }

    /// <summary>Returns what did not commit to the queue, ahead of newer work; a plain write only when nothing newer touches its key.</summary>
    private void PutBack(Term term, List<IReadOnlyList<TxnOperation>> groups, List<(WriteRecord? Record, bool Atomic)> owners, HashSet<int> done)
    {
        lock (_gate)
        {
            if (_term != term)
            {
                return;
            }

            var unfinished = new List<WriteRecord>();
            for (var i = 0; i < groups.Count; i++)
            {
                if (owners[i] is { Atomic: true, Record: { } record } && !done.Contains(i))
                {
                    unfinished.Add(record);
                }
            }

            _records.InsertRange(0, unfinished);
            var newer = _records.Skip(unfinished.Count).SelectMany(r => r.Atomic).Select(o => o.Kv!.Key).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < groups.Count; i++)
            {
                if (owners[i].Record is null && !done.Contains(i))
                {
                    var write = groups[i][0];
                    var key = write.Kv!.Key;
                    if (!newer.Contains(key))
                    {
                        _dirty.TryAdd(key, write);
                    }
                }
            }
        }
    }

    private void ReportOversized(IReadOnlyList<int> oversized, List<IReadOnlyList<TxnOperation>> groups, List<(WriteRecord? Record, bool Atomic)> owners, Term term)
    {
        if (oversized.Count == 0)
        {
            return;
        }

        StorageLog.TooLarge(_logger, oversized.Count, string.Join(", ", oversized.Take(3).Select(i => groups[i][0].Kv!.Key)));
        foreach (var index in oversized)
        {
            // The recorder sizes every decision to fit; an agent with far lower limits can still refuse one. Its
            // deliveries still go out rather than being lost, unrecorded.
            if (owners[index] is { Atomic: true, Record: { } record } && record.Deliveries.Count > 0)
            {
                _deliveries.Enqueue(record.Deliveries.Select(d => d with { OutboxId = null }).ToList(), term.Token);
            }
        }
    }

    private sealed record Term(TxnOperation Guard, CancellationToken Token);
}
