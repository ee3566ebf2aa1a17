using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// A <see cref="BlockingQueryLoop{T}"/> over every key below one KV prefix, as the daemon's KV watchers use it.
/// <para>
/// A prefix with no key at all (no silences, a fresh install without configuration) is anchored by its folder key
/// (<c>&lt;prefix&gt;/</c>, empty, written only if absent): Consul gives a list of nothing the index of the whole KV
/// table, so a blocking read of an empty prefix returns after every KV write anywhere in the datacenter, and the watch
/// would read again each time. With one key under it, the prefix keeps its own index and the read waits until something
/// below it changes. The watchers' parsers skip folder keys. A token that may not write the key leaves the watch as it
/// was, said once in the log.
/// </para>
/// </summary>
internal static class KvPrefixWatch
{
    /// <summary>A loop named <c>kv/&lt;prefix&gt;</c> that hands each answer to <paramref name="handler"/>.</summary>
    public static BlockingQueryLoop<IReadOnlyList<KvPair>> Create(
        ConsulClient consul,
        string prefix,
        Func<QueryResult<IReadOnlyList<KvPair>>, CancellationToken, Task> handler,
        BlockingQueryLoopOptions? options,
        ILogger logger,
        TimeProvider time)
    {
        var name = "kv/" + prefix;
        var refused = false;
        return new(
            name,
            async (query, ct) =>
            {
                var result = await consul.Kv.ListAsync(prefix, query, ct);
                if (result.Value.Count == 0 && !refused && prefix.EndsWith('/'))
                {
                    refused = !await AnchorAsync(consul, name, prefix, logger, ct);
                }

                return result;
            },
            handler,
            options,
            logger,
            time,
            reachability: consul.Transport.Reachability);
    }

    /// <summary>Writes the folder key if absent; false when the token may not (logged), true otherwise.</summary>
    private static async Task<bool> AnchorAsync(ConsulClient consul, string watch, string prefix, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            // cas=0: only if absent, so a daemon never overwrites what an operator put there.
            await consul.Kv.PutAsync(prefix, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Cas = 0 }, cancellationToken);
            return true;
        }
        catch (ConsulException ex) when (ex is ConsulAclException || (!ex.IsRetryable && (int?)ex.StatusCode is >= 400 and < 500))
        {
            BlockingQueryLog.AnchorRefused(logger, watch, prefix, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is ConsulException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // Consul failed for now; the next empty read tries again.
            return true;
        }
    }
}
