using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// Removes outbox entries once their deliveries are over, for one leader term at a time: removals waiting together
/// share transactions, each guarded by the term's session, retried on the <see cref="RetryPipelines.OutboxRemoval"/>
/// pipeline while the term lasts. A removal that never happens leaves the entry to the next leader, which delivers it
/// again: the one window where a delivery may arrive twice (docs/ARCHITECTURE.md, "Exactly once").
/// </summary>
internal sealed class OutboxRemover
{
    private readonly IOutboxStore? _store;
    private readonly RetryPipelines _retries;
    private readonly ILogger _logger;
    private readonly Outage _outage;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private (TxnOperation Guard, CancellationToken Token)? _term;
    private bool _running;
    private TaskCompletionSource _idle = Completed();

    public OutboxRemover(IOutboxStore? store, RetryPipelines retries, ILogger logger, TimeProvider timeProvider)
    {
        _store = store;
        _retries = retries;
        _logger = logger;
        _outage = new Outage(RetryPipelines.OutboxRemoval.Name, logger, timeProvider);
    }

    /// <summary>Removes for a new term; what the previous term left waiting is dropped (the next load finds it).</summary>
    public void Begin(TxnOperation guard, CancellationToken term)
    {
        lock (_gate)
        {
            _term = (guard, term);
            _waiting.Clear();
        }
    }

    /// <summary>Removes these ids (an id ending in <c>/</c> removes everything below it) with the next transaction.</summary>
    public void Remove(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            if (_store is null || _term is not { Token.IsCancellationRequested: false } term)
            {
                return;
            }

            _waiting.UnionWith(ids);
            if (!_running && _waiting.Count > 0)
            {
                _running = true;
                if (_idle.Task.IsCompleted)
                {
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _ = Task.Run(() => PumpAsync(term.Guard, term.Token));
            }
        }
    }

    /// <summary>Completes once no removal is waiting or under way.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private async Task PumpAsync(TxnOperation guard, CancellationToken term)
    {
        try
        {
            while (true)
            {
                List<string> ids;
                lock (_gate)
                {
                    if (_waiting.Count == 0 || term.IsCancellationRequested)
                    {
                        Stop();
                        return;
                    }

                    ids = [.. _waiting];
                    _waiting.Clear();
                }

                try
                {
                    await _retries.RunAsync(RetryPipelines.OutboxRemoval, _outage, ct => _store!.RemoveAsync(ids, guard, ct), term);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ConsulConflictException)
                {
                    // No longer leading: the next leader owns the entries.
                    lock (_gate)
                    {
                        _waiting.Clear();
                        Stop();
                    }

                    return;
                }
            }
        }
#pragma warning disable CA1031 // The pump must end cleanly whatever happens; anything unexpected is logged and leaves the entries to the next leader.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            NotificationsLog.OutboxRemoveFailed(_logger, "(batch)", "(several)", ex.GetType().Name);
            lock (_gate)
            {
                Stop();
            }
        }
    }

    private void Stop()
    {
        _running = false;
        _idle.TrySetResult();
    }
}
