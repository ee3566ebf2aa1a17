using System.Collections.Concurrent;

namespace ConsulAlerts.DevAgent;

/// <summary>
/// Counts of the <c>/v1</c> requests the agent received, by method and path (without query string), and of the blocking
/// reads waiting for a change right now: a test that sees a client's read parked knows the client is waiting, not
/// polling, without sleeping to find out.
/// </summary>
public sealed class DevAgentRequestLog
{
    private readonly ConcurrentDictionary<(string Method, string Path), long> _counts = new();
    private readonly ConcurrentDictionary<(string Method, string Path), long> _parked = new();
    private long _total;

    /// <summary>Number of <c>/v1</c> requests since start or the last <see cref="Reset"/>.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Requests with this method (case-insensitive) whose path starts with <paramref name="pathPrefix"/>.</summary>
    public long Count(string method, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        long count = 0;
        foreach (var ((m, path), n) in _counts)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && path.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                count += n;
            }
        }

        return count;
    }

    /// <summary>Blocking reads with this method whose path starts with <paramref name="pathPrefix"/> that wait for a change now.</summary>
    public long Parked(string method, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        long parked = 0;
        foreach (var ((m, path), n) in _parked)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && path.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                parked += n;
            }
        }

        return parked;
    }

    /// <summary>Every count, keyed <c>"METHOD /path"</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(kv => $"{kv.Key.Method} {kv.Key.Path}", kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Forgets every count.</summary>
    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>Counts a blocking read as waiting until the returned handle is disposed.</summary>
    internal IDisposable Park(string method, string path)
    {
        var key = (method.ToUpperInvariant(), path);
        _parked.AddOrUpdate(key, 1, static (_, n) => n + 1);
        return new Parking(this, key);
    }

    internal void Record(string method, string path)
    {
        _counts.AddOrUpdate((method.ToUpperInvariant(), path), 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    private sealed class Parking(DevAgentRequestLog log, (string Method, string Path) key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                log._parked.AddOrUpdate(key, 0, static (_, n) => n - 1);
            }
        }
    }
}
