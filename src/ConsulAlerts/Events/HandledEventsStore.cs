using System.Text.Json;
using ConsulAlerts.Consul;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Reads and writes <see cref="HandledEventsState"/> at <c>&lt;prefix&gt;/events/handled</c>, one small JSON value.
/// Reads are consistent (a new leader must see the last write of the one before); writes go through a transaction
/// with the leader's guard, so a daemon that no longer leads cannot record, and therefore cannot run, anything.
/// </summary>
internal sealed class HandledEventsStore(ConsulClient client, string kvPrefix, ILogger<HandledEventsStore> logger)
{
    public string Key { get; } = kvPrefix.Trim('/') + "/events/handled";

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
    /// <exception cref="InvalidOperationException">Consul refused the write: this daemon no longer leads.</exception>
    public async Task SaveAsync(HandledEventsState state, TxnOperation guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(guard);
        var value = JsonSerializer.SerializeToUtf8Bytes(state, EventsJsonContext.Default.HandledEventsState);
        var result = await client.Txn.ExecuteAsync([guard, TxnOperation.KvSet(Key, value)], options: null, cancellationToken);
        if (!result.Committed)
        {
            var reasons = string.Join("; ", result.Errors.Select(e => $"#{e.OpIndex}: {e.What}"));
            throw new InvalidOperationException($"Consul refused the handled-events write (this daemon no longer leads?): {reasons}");
        }
    }
}
