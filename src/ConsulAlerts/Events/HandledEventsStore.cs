using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Txn;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Reads and writes <see cref="HandledEventsState"/> at <c>&lt;prefix&gt;/events/handled</c>, one small JSON value.
/// Reads are consistent (a new leader must see the last write of the one before); writes go through a transaction
/// with the leader's guard, so a daemon that no longer leads cannot record, and therefore cannot run, anything.
/// </summary>
internal sealed class HandledEventsStore(ConsulClient client, string kvPrefix, ILogger<HandledEventsStore> logger)
{
    public string Key { get; } = new Storage.KvLayout(kvPrefix).HandledEvents;

    /// <summary>The stored state; null when nothing was ever stored (or what is stored cannot be read).</summary>
    public async Task<HandledEventsState?> LoadAsync(CancellationToken cancellationToken)
    {
        var result = await client.Kv.GetAsync(Key, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        if (result.Value is not { } pair)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize(pair.Value ?? [], EventsJsonContext.Default.HandledEventsState);
            return state is null ? null : state with { Handled = state.Handled?.Where(id => !string.IsNullOrEmpty(id)).ToArray() ?? [] };
        }
        catch (JsonException ex)
        {
            EventsLog.StateUnreadable(logger, Key, ex.Message);
            return null;
        }
    }

    /// <summary>Writes <paramref name="state"/> if <paramref name="guard"/> holds.</summary>
    /// <exception cref="InvalidOperationException">Consul refused the write: this daemon no longer leads, or the record is over Consul's size limits.</exception>
    public async Task SaveAsync(HandledEventsState state, TxnOperation guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(guard);
        var value = JsonSerializer.SerializeToUtf8Bytes(state, EventsJsonContext.Default.HandledEventsState);
        TxnWriteResult result;
        try
        {
            result = await client.Txn.WriteAsync([TxnOperation.KvSet(Key, value)], guard, cancellationToken);
        }
        catch (ConsulConflictException ex)
        {
            throw new InvalidOperationException($"Consul refused the handled-events write (this daemon no longer leads?): {ex.Detail}", ex);
        }

        if (result.Rejected.Count > 0)
        {
            // Bounded (512 IDs), so only an agent with far lower limits gets here: handlers must not run unrecorded.
            throw new InvalidOperationException($"The handled-events record of {value.Length} bytes is over Consul's size limits");
        }
    }
}
