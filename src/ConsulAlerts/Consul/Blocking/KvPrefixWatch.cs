using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Consul.Blocking;

/// <summary>A <see cref="BlockingQueryLoop{T}"/> over every key below one KV prefix, read consistently, as the daemon's KV watchers use it.</summary>
internal static class KvPrefixWatch
{
    /// <summary>A loop named <c>kv/&lt;prefix&gt;</c> that hands each answer to <paramref name="handler"/>.</summary>
    public static BlockingQueryLoop<IReadOnlyList<KvPair>> Create(
        ConsulClient consul,
        string prefix,
        Func<QueryResult<IReadOnlyList<KvPair>>, CancellationToken, Task> handler,
        BlockingQueryLoopOptions? options,
        ILogger logger,
        TimeProvider time) =>
        new(
            "kv/" + prefix,
            (query, ct) => consul.Kv.ListAsync(prefix, query, ct),
            handler,
            options,
            logger,
            time,
            reachability: consul.Transport.Reachability);
}
