namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The outbox batches whose deliveries are not all over yet, so that a batch's commit record is removed with its last
/// entry, never before (a reader takes only committed batches). Not thread-safe: the dispatcher calls it under its own
/// lock, together with its check of the term.
/// </summary>
internal sealed class OutboxBatches
{
    private readonly Dictionary<string, int> _unfinished = new(StringComparer.Ordinal);

    /// <summary>Forgets every batch (a new term counts its deliveries again).</summary>
    public void Clear() => _unfinished.Clear();

    /// <summary>Counts recorded deliveries in; unrecorded ones are ignored.</summary>
    public void Add(IEnumerable<NotificationDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (var delivery in deliveries)
        {
            if (delivery.OutboxId is { } id && OutboxKeys.BatchOfEntry(id) is { } batch)
            {
                _unfinished[batch] = _unfinished.GetValueOrDefault(batch) + 1;
            }
        }
    }

    /// <summary>
    /// Counts finished deliveries out and returns the keys to remove: their entries, and the commit record of each
    /// batch whose last entry they were.
    /// </summary>
    public List<string> Finish(IEnumerable<NotificationDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        List<string> ids = [];
        foreach (var delivery in deliveries)
        {
            if (delivery.OutboxId is not { } id)
            {
                continue;
            }

            ids.Add(id);
            if (OutboxKeys.BatchOfEntry(id) is { } batch && _unfinished.TryGetValue(batch, out var left))
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

        return ids;
    }
}
