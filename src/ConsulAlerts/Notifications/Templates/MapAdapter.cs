using System.Collections;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// Typed access to a dictionary found in template data. The typed adapters are listed for the data model's maps
/// (<see cref="TemplateData.Nodes"/>, <see cref="Message.NotifList"/>, <see cref="Message.VarOverrides"/>) and for
/// string-keyed maps of plain values, each instantiated at compile time, so the native build needs no
/// <c>MakeGenericType</c>. Any other dictionary is read through <see cref="IDictionary"/>, with Go's untyped semantics
/// (a missing key is "no value" rather than the element's zero value).
/// </summary>
internal abstract class MapAdapter
{
    /// <summary>What a missing key yields: Go's zero value of the element type.</summary>
    public abstract object? Zero { get; }

    public abstract bool TryGet(object map, object? key, out object? value);

    public abstract int Count(object map);

    /// <summary>Entries sorted by key, as Go's range and printing do.</summary>
    public abstract IReadOnlyList<KeyValuePair<object?, object?>> SortedEntries(object map);

    /// <summary>The adapter for <paramref name="value"/>, or null when it is not a map.</summary>
    public static MapAdapter? For(object value) => value switch
    {
        IReadOnlyDictionary<string, IReadOnlyList<Message>> => ReadOnlyDictionaryAdapter<string, IReadOnlyList<Message>>.Instance,
        IReadOnlyDictionary<string, bool> => ReadOnlyDictionaryAdapter<string, bool>.Instance,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> => ReadOnlyDictionaryAdapter<string, IReadOnlyDictionary<string, string>>.Instance,
        IReadOnlyDictionary<string, string> => ReadOnlyDictionaryAdapter<string, string>.Instance,
        IReadOnlyDictionary<string, object?> => ReadOnlyDictionaryAdapter<string, object?>.Instance,
        IReadOnlyDictionary<string, int> => ReadOnlyDictionaryAdapter<string, int>.Instance,
        IReadOnlyDictionary<string, long> => ReadOnlyDictionaryAdapter<string, long>.Instance,
        IReadOnlyDictionary<string, double> => ReadOnlyDictionaryAdapter<string, double>.Instance,
        IDictionary => LegacyDictionaryAdapter.Instance,
        _ => null,
    };

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
