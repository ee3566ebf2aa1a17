using System.Text.Json;

namespace ConsulAlerts.Checks;

/// <summary>
/// One instance of each short text that repeats across checks (check IDs, names, service IDs and names, notes and
/// outputs such as <c>serfHealth</c>'s "Agent alive and reachable"): a cluster of 100,000 checks on 25,000 nodes holds
/// a handful of each instead of one per check. Bounded: texts over <see cref="MaxLength"/> characters are never
/// pooled, and once <see cref="Capacity"/> texts are held new ones are returned without being kept, so unique values
/// (node names, outputs with addresses in them) cost at most a fixed amount. Lists of service tags are shared the
/// same way: every check of every instance of a service with the same tags holds one array (at most
/// <see cref="TagListCapacity"/> distinct lists are kept). Not thread-safe: one per decoder.
/// </summary>
/// <remarks>
/// A dictionary with a span lookup is all this needs; a pooling package (e.g. the Community Toolkit's StringPool)
/// would add a dependency for the same few lines.
/// </remarks>
internal sealed class CheckStringPool
{
    /// <summary>Longest text pooled, in UTF-16 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Most texts held.</summary>
    public const int Capacity = 16_384;

    /// <summary>Most distinct tag lists held.</summary>
    public const int TagListCapacity = 4_096;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string[], string[]> _tagLists = new(TagListComparer.Instance);
    private readonly Dictionary<string[], string[]>.AlternateLookup<ReadOnlySpan<string>> _tagLookup;

    public CheckStringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _tagLookup = _tagLists.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    /// <summary>Texts held.</summary>
    public int Count => _strings.Count;

    /// <summary>Distinct tag lists held.</summary>
    public int TagListCount => _tagLists.Count;

    /// <summary>A list with the content of <paramref name="tags"/>, from the pool when it is there (copied only when not).</summary>
    public IReadOnlyList<string> GetTags(ReadOnlySpan<string> tags)
    {
        if (tags.IsEmpty)
        {
            return [];
        }

        if (_tagLookup.TryGetValue(tags, out var pooled))
        {
            return pooled;
        }

        var created = tags.ToArray();
        if (_tagLists.Count < TagListCapacity)
        {
            _tagLists.Add(created, created);
        }

        return created;
    }

    /// <summary>The text of <paramref name="text"/>, from the pool when it is there (for texts not read from JSON).</summary>
    public string Get(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return text;
        }

        if (_strings.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        if (_strings.Count < Capacity)
        {
            _strings.Add(text, text);
        }

        return text;
    }

    /// <summary>The string value the reader is on (a <see cref="JsonTokenType.String"/>), from the pool when it is there.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        // The UTF-8 (or escaped) length bounds the number of UTF-16 characters it decodes to.
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxLength];
        var text = chars[..reader.CopyString(chars)];
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        if (_strings.Count < Capacity)
        {
            _strings.Add(created, created);
        }

        return created;
    }
}
