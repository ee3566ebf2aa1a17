using System.Collections;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Non-generic dictionaries: values are untyped, so a missing key is "no value".</summary>
internal sealed class LegacyDictionaryAdapter : MapAdapter
{
    public static readonly LegacyDictionaryAdapter Instance = new();

    public override object? Zero => MissingValue.Instance;

    public override bool TryGet(object map, object? key, out object? value)
    {
        var dictionary = (IDictionary)map;
        if (key is not null && dictionary.Contains(key))
        {
            value = dictionary[key];
            return true;
        }

        value = MissingValue.Instance;
        return false;
    }

    public override int Count(object map) => ((IDictionary)map).Count;

    public override IReadOnlyList<KeyValuePair<object?, object?>> SortedEntries(object map)
    {
        var entries = new List<KeyValuePair<object?, object?>>();
        foreach (DictionaryEntry e in (IDictionary)map)
        {
            entries.Add(new KeyValuePair<object?, object?>(e.Key, e.Value));
        }

        return Sort(entries);
    }
}
