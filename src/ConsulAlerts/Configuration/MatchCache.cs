using System.Collections.Concurrent;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Pattern results per name, for one configuration snapshot: names repeat on every health change and API request, and
/// a pattern's answer for a name never changes. Bounded: past <see cref="Capacity"/> names, new ones are evaluated
/// without being remembered.
/// </summary>
internal sealed class MatchCache<TResult>
{
    /// <summary>More than the names of a large cluster (node names, service IDs, check IDs, statuses).</summary>
    public const int Capacity = 65_536;

    private readonly ConcurrentDictionary<string, TResult> _results = new(StringComparer.Ordinal);

    public int Count => _results.Count;

    public bool TryGet(string name, out TResult result) => _results.TryGetValue(name, out result!);

    public void Add(string name, TResult result)
    {
        if (_results.Count < Capacity)
        {
            _results.TryAdd(name, result);
        }
    }
}
