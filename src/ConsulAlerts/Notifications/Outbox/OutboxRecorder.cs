using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The dispatcher's bookkeeping of the outbox for one leader term at a time. Each decision's deliveries are recorded
/// as one batch under an id derived from the decision (<see cref="OutboxKeys"/>), entries first and a commit record
/// last, so a write cut short and retried overwrites instead of adding, and nobody reads a half-written batch. A
/// finished delivery's entry is removed, and the commit record with the batch's last one. At the start of a term the
/// committed entries are loaded for delivery, batches never committed are removed (their decision is still marked in
/// the check state and is made again), and the decisions found are remembered so that handing one over again does
/// not record it twice.
/// </summary>
internal sealed class OutboxRecorder(IOutboxStore? store, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan FirstRemoveDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRemoveDelay = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _unfinished = new(StringComparer.Ordinal);
    private HashSet<string> _recorded = new(StringComparer.Ordinal);

    /// <summary>Whether deliveries are recorded at all (false without a store: tests, tools).</summary>
    public bool Enabled => store is not null;

    /// <summary>
    /// Loads the committed entries for a new term, removes leftovers (best effort) and remembers what was decided.
    /// </summary>
    /// <exception cref="ConsulException">The outbox could not be read; call again.</exception>
    public async Task<IReadOnlyList<OutboxEntry>> ResumeAsync(TxnOperation guard, CancellationToken cancellationToken)
    {
        var contents = store is null ? OutboxContents.Empty : await store.LoadAsync(cancellationToken);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var unfinished = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in contents.Entries)
        {
            recorded.UnionWith(entry.Messages.Select(OutboxKeys.Identity));
            if (OutboxKeys.BatchOfEntry(entry.Id) is { } batch)
            {
                unfinished[batch] = unfinished.GetValueOrDefault(batch) + 1;
            }
        }

        lock (_gate)
        {
            _recorded = recorded;
            _unfinished.Clear();
            foreach (var (batch, count) in unfinished)
            {
                _unfinished[batch] = count;
            }
        }

        if (contents.Leftovers.Count > 0)
        {
            try
            {
                await store!.RemoveAsync(contents.Leftovers, guard, cancellationToken);
                OutboxLog.LeftoversRemoved(logger, contents.Leftovers.Count);
            }
            catch (ConsulException ex)
            {
                OutboxLog.LeftoversKept(logger, contents.Leftovers.Count, ex.Message);
            }
        }

        return contents.Entries;
    }

    /// <summary>The messages not already recorded by an earlier term (a decision handed over again is dropped here).</summary>
    public IReadOnlyList<Message> Unrecorded(IReadOnlyList<Message> messages)
    {
        lock (_gate)
        {
            if (_recorded.Count == 0)
            {
                return messages;
            }

            var fresh = messages.Where(m => !_recorded.Remove(OutboxKeys.Identity(m))).ToList();
            if (fresh.Count < messages.Count)
            {
                NotificationsLog.AlreadyRecorded(logger, messages.Count - fresh.Count);
            }

            return fresh;
        }
    }

    /// <summary>The delivery, or its halves (recursively) when its record would not fit one Consul transaction.</summary>
    public IEnumerable<NotificationDelivery> SplitToFit(NotificationDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (store is null || delivery.Messages.Count < 2 || store.Fits(ToEntry(delivery, "")))
        {
            return [delivery];
        }

        var half = delivery.Messages.Count / 2;
        return SplitToFit(delivery with { Messages = delivery.Messages.Take(half).ToList() })
            .Concat(SplitToFit(delivery with { Messages = delivery.Messages.Skip(half).ToList() }));
    }

    /// <summary>
    /// Records the deliveries of one decision as a batch and returns them with their outbox ids; one that Consul
    /// cannot hold (a single message over its limits) comes back without an id, to be sent unrecorded.
    /// </summary>
    /// <exception cref="ConsulException">Nothing is committed; recording the same decision again replaces what this attempt left.</exception>
    public async Task<IReadOnlyList<NotificationDelivery>> RecordAsync(
        IReadOnlyList<Message> decided, IReadOnlyList<NotificationDelivery> deliveries, TxnOperation guard, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return deliveries;
        }

        var batch = OutboxKeys.BatchOf(decided);
        var identified = deliveries.Select((d, i) => d with { OutboxId = OutboxKeys.Entry(batch, i) }).ToList();
        var recordable = identified.Where(d => store.Fits(ToEntry(d, d.OutboxId!))).ToList();
        var stored = recordable.Select(d => d.OutboxId!).ToHashSet(StringComparer.Ordinal);
        stored.ExceptWith(await store.AddAsync(batch, recordable.ConvertAll(d => ToEntry(d, d.OutboxId!)), guard, cancellationToken));
        var result = new List<NotificationDelivery>(identified.Count);
        var recorded = 0;
        foreach (var delivery in identified)
        {
            if (stored.Contains(delivery.OutboxId!))
            {
                result.Add(delivery);
                recorded++;
            }
            else
            {
                OutboxLog.NotRecordable(logger, delivery.Messages.Count, delivery.Instance);
                result.Add(delivery with { OutboxId = null });
            }
        }

        if (recorded > 0)
        {
            lock (_gate)
            {
                _unfinished[batch] = recorded;
            }
        }

        return result;
    }

    /// <summary>
    /// Removes a finished delivery's entry (and its batch's commit record with the last one), retrying while the term
    /// lasts: a leftover entry would be sent again by the next leader.
    /// </summary>
    public async Task CompleteAsync(string id, string instance, TxnOperation guard, CancellationToken term, CancellationToken stopping)
    {
        if (store is null)
        {
            return;
        }

        List<string> ids = [id];
        if (OutboxKeys.BatchOfEntry(id) is { } batch)
        {
            lock (_gate)
            {
                if (_unfinished.TryGetValue(batch, out var left))
                {
                    if (left <= 1)
                    {
                        _unfinished.Remove(batch);
                        ids.Add(OutboxKeys.Commit(batch));
                    }
                    else
                    {
                        _unfinished[batch] = left - 1;
                    }
                }
            }
        }

        var delay = FirstRemoveDelay;
        for (var failures = 0; !term.IsCancellationRequested && !stopping.IsCancellationRequested; failures++)
        {
            try
            {
                await store.RemoveAsync(ids, guard, CancellationToken.None).WaitAsync(term);
                return;
            }
            catch (ConsulConflictException)
            {
                return; // no longer leading: the next leader owns the entry
            }
            catch (ConsulException ex)
            {
                if (failures == 0)
                {
                    NotificationsLog.OutboxRemoveFailed(logger, id, instance, ex.Kind.ToString());
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, timeProvider, term);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxRemoveDelay ? delay * 2 : MaxRemoveDelay;
        }
    }

    /// <summary>The record of a delivery: it names the notifier instance, never its effective settings.</summary>
    public static OutboxEntry ToEntry(NotificationDelivery delivery, string id)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new OutboxEntry
        {
            Id = id,
            Instance = delivery.Instance,
            Kind = delivery.Kind,
            Notifier = delivery.Config.Name,
            Overrides = delivery.Overrides,
            Messages = delivery.Messages,
            Created = delivery.Created,
        };
    }
}
