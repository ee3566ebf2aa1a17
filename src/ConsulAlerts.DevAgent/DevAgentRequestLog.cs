using System.Collections.Concurrent;

namespace ConsulAlerts.DevAgent;

/// <summary>Counts of the <c>/v1</c> requests the agent received, by method and path (without query string).</summary>
public sealed class DevAgentRequestLog
{
    private readonly ConcurrentDictionary<(string Method, string Path), long> _counts = new();
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

    /// <summary>Every count, keyed <c>"METHOD /path"</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(kv => $"{kv.Key.Method} {kv.Key.Path}", kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Forgets every count.</summary>
    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    internal void Record(string method, string path)
    {
        _counts.AddOrUpdate((method.ToUpperInvariant(), path), 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }
}
