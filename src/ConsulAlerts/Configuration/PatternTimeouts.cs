using System.Collections.Concurrent;

namespace ConsulAlerts.Configuration;

/// <summary>
/// The keys of one configuration snapshot whose patterns ran out of time on some name (and so counted as matching it).
/// Each key is announced once through <see cref="FirstTimeout"/>, which the configuration watcher logs; the dashboard
/// lists them with the configuration errors.
/// </summary>
internal sealed class PatternTimeouts
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    /// <summary>Raised the first time a pattern under a key runs out of time, with that key.</summary>
    public event Action<string>? FirstTimeout;

    /// <summary>The keys whose patterns have run out of time, in no order.</summary>
    public IReadOnlyCollection<string> Keys => [.. _keys.Keys];

    public void Record(string key)
    {
        if (_keys.TryAdd(key, 0))
        {
            FirstTimeout?.Invoke(key);
        }
    }
}
