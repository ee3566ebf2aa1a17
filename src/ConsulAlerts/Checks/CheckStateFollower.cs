using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// A standby's read-only follow of <c>&lt;prefix&gt;/checks/</c>: one blocking recursive read (stale, served by any
/// server), at most one read per <see cref="MinInterval"/> however often the leader writes, handed to the
/// <see cref="CheckEngine"/> for the standby's view. A new leader does not rely on it: it reads the state consistently.
/// </summary>
internal sealed class CheckStateFollower(ConsulClient client, CheckStateStore store, CheckEngine engine, ILogger<CheckStateFollower> logger, TimeProvider timeProvider)
{
    /// <summary>Pause after each change, so a busy leader's writes do not turn into a stream of full reads.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Follows until <paramref name="cancellationToken"/> is cancelled; never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loop = new BlockingQueryLoop<IReadOnlyList<KvPair>>(
            "kv " + store.Prefix,
            (query, ct) => client.Kv.ListAsync(store.Prefix, query with { Consistency = ConsulConsistency.Stale }, ct),
            async (result, ct) =>
            {
                engine.ApplyStored(store.Decode(result.Value));
                await Task.Delay(MinInterval, timeProvider, ct);
            },
            options: null,
            logger,
            timeProvider,
            reachability: client.Transport.Reachability);
        try
        {
            await loop.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
