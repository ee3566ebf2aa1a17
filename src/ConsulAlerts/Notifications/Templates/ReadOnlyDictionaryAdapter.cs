namespace ConsulAlerts.Notifications.Templates;

internal sealed class ReadOnlyDictionaryAdapter<TKey, TValue> : MapAdapter
{
    public static readonly ReadOnlyDictionaryAdapter<TKey, TValue> Instance = new();

    // Go yields the element type's zero value for a missing key; for interface{} that is "no value".
    private static readonly object? ZeroValue =
        typeof(TValue) == typeof(object) ? MissingValue.Instance
        : typeof(TValue) == typeof(string) ? ""
        : default(TValue);

    public override object? Zero => ZeroValue;

    public override bool TryGet(object map, object? key, out object? value)
    {
        if (key is TKey k && ((IReadOnlyDictionary<TKey, TValue>)map).TryGetValue(k, out var v))
        {
            value = v;
            return true;
        }

        value = ZeroValue;
        return false;
    }

    public override int Count(object map) => ((IReadOnlyDictionary<TKey, TValue>)map).Count;

    public override IReadOnlyList<KeyValuePair<object?, object?>> SortedEntries(object map)
    {
        var dictionary = (IReadOnlyDictionary<TKey, TValue>)map;
        var entries = new List<KeyValuePair<object?, object?>>(dictionary.Count);
        foreach (var (k, v) in dictionary)
        {
            entries.Add(new KeyValuePair<object?, object?>(k, v));
        }

        return Sort(entries);
    }
}
