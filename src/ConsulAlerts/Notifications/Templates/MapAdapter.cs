using System.Collections;
using System.Collections.Concurrent;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// Typed access to a dictionary found in template data, built once per dictionary type so that
/// execution does no reflection.
/// </summary>
internal abstract class MapAdapter
{
    private static readonly ConcurrentDictionary<Type, MapAdapter?> Cache = new();

    /// <summary>What a missing key yields: Go's zero value of the element type.</summary>
    public abstract object? Zero { get; }

    public abstract bool TryGet(object map, object? key, out object? value);

    public abstract int Count(object map);

    /// <summary>Entries sorted by key, as Go's range and printing do.</summary>
    public abstract IReadOnlyList<KeyValuePair<object?, object?>> SortedEntries(object map);

    public static MapAdapter? For(Type type) => Cache.GetOrAdd(type, Create);

    private static MapAdapter? Create(Type type)
    {
        foreach (var i in type.GetInterfaces().Prepend(type))
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            {
                var adapter = typeof(ReadOnlyDictionaryAdapter<,>).MakeGenericType(i.GetGenericArguments());
                return (MapAdapter)Activator.CreateInstance(adapter)!;
            }
        }

        return typeof(IDictionary).IsAssignableFrom(type) ? LegacyDictionaryAdapter.Instance : null;
    }

    protected static int CompareKeys(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        _ when GoValues.TryGetInteger(a, out var x) && GoValues.TryGetInteger(b, out var y) => x.CompareTo(y),
        _ when GoValues.TryGetFloat(a, out var x) && GoValues.TryGetFloat(b, out var y) => x.CompareTo(y),
        _ => string.CompareOrdinal(a?.ToString(), b?.ToString()),
    };

    protected static IReadOnlyList<KeyValuePair<object?, object?>> Sort(List<KeyValuePair<object?, object?>> entries)
    {
        entries.Sort((x, y) => CompareKeys(x.Key, y.Key));
        return entries;
    }
}
