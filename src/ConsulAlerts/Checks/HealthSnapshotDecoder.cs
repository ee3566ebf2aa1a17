using System.Text.Json;

namespace ConsulAlerts.Checks;

/// <summary>
/// Decodes a <c>/v1/health/state/any</c> body straight into <see cref="CheckInfo"/> values, reading only the ten
/// fields the engine keeps (<c>ModifyIndex</c> and the bounded <c>ServiceTags</c> among them) and skipping the rest
/// (<c>Definition</c>, <c>Type</c>, other indexes). Strings and whole
/// <see cref="CheckInfo"/> instances of the previous snapshot are reused when their text is unchanged, so a steady
/// snapshot allocates little more than the list, and the tracker can detect unchanged checks by reference; texts and
/// tag lists that repeat across checks come from a <see cref="CheckStringPool"/>. <see cref="DecodeAsync"/> decodes the body as it
/// arrives, holding only its undecoded tail. Not thread-safe: one decoder per watch, used by one caller at a time.
/// </summary>
internal sealed class HealthSnapshotDecoder
{
    // Room for many checks a read; grows only when one check object is larger (a huge output), and is dropped again
    // after such a read so one outlier does not stay in memory.
    private const int InitialBufferSize = 64 * 1024;
    private const int KeptBufferSize = 1024 * 1024;

    private IReadOnlyList<CheckInfo> _previous = [];
    private Dictionary<CheckKey, int>? _previousIndex;
    private byte[]? _buffer;

    // Texts that repeat across checks, held once (the Node is already shared by the checks of one node).
    private readonly CheckStringPool? _pool;

    // The snapshot being decoded: parser state at the end of the last complete check, so a check cut by the end of
    // a read is parsed again whole once the rest has arrived.
    private JsonReaderState _readerState;
    private Phase _phase;
    private List<CheckInfo> _checks = [];
    private int _cursor;
    private HealthCheckFields _fields;

    public HealthSnapshotDecoder()
        : this(new CheckStringPool())
    {
    }

    /// <param name="pool">Where repeated texts are shared; null gives every check its own strings (to measure what the pool saves).</param>
    public HealthSnapshotDecoder(CheckStringPool? pool)
    {
        _pool = pool;
    }

    /// <summary>The datacenter every decoded check is stamped with; empty for the agent's own.</summary>
    public string Datacenter { get; init; } = "";

    private enum Phase
    {
        Start,
        InArray,
        Done,
    }

    /// <summary>Decodes one whole body; <c>null</c> reads as an empty snapshot.</summary>
    /// <exception cref="JsonException">The body is not a JSON array of check objects.</exception>
    public IReadOnlyList<CheckInfo> Decode(ReadOnlySpan<byte> utf8Json)
    {
        Begin();
        Feed(utf8Json, isFinal: true);
        return End();
    }

    /// <summary>
    /// Decodes a body as it arrives, holding only the part of it not decoded yet (one buffer of a few tens of KiB,
    /// or one check's size if larger) instead of the whole answer, which is tens of megabytes for a large cluster.
    /// An empty stream reads as an empty snapshot; a failed read leaves the previous snapshot as it was.
    /// </summary>
    /// <exception cref="JsonException">The body is not a JSON array of check objects.</exception>
    public async Task<IReadOnlyList<CheckInfo>> DecodeAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = _buffer ??= new byte[InitialBufferSize];
        var filled = 0;
        var any = false;
        var cutShort = false;
        Begin();
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // Nothing could be decoded from a full buffer: one check is larger than it.
                    var grown = new byte[buffer.Length * 2];
                    buffer.AsSpan(0, filled).CopyTo(grown);
                    buffer = grown;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0 && !any)
                {
                    return [];
                }

                any = true;
                filled += read;
                if (read != 0 && cutShort && filled < buffer.Length)
                {
                    // A check cut short is parsed again only once the buffer is full: a body trickling in a few bytes
                    // at a time would otherwise parse a large check again on every read (quadratic in its size).
                    continue;
                }

                var consumed = Feed(buffer.AsSpan(0, filled), isFinal: read == 0);
                if (read == 0)
                {
                    return End();
                }

                cutShort = consumed < filled;

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            _buffer = buffer.Length <= KeptBufferSize ? buffer : null;
            _checks = [];
        }
    }

    private void Begin()
    {
        _readerState = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        _phase = Phase.Start;
        _checks = new List<CheckInfo>(Math.Max(_previous.Count, 16));
        _cursor = 0;
        _fields = new HealthCheckFields();
    }

    private List<CheckInfo> End()
    {
        if (_phase != Phase.Done)
        {
            throw new JsonException("The health snapshot ends inside the array.");
        }

        var checks = _checks;
        Remember(checks);
        return checks;
    }

    /// <summary>
    /// Decodes the complete checks at the start of <paramref name="data"/> and returns how many bytes they took; the
    /// rest (a check cut short) must be passed again with what follows it.
    /// </summary>
    private int Feed(ReadOnlySpan<byte> data, bool isFinal)
    {
        var reader = new Utf8JsonReader(data, isFinal, _readerState);
        var consumed = 0;
        if (_phase == Phase.Start)
        {
            if (!reader.Read())
            {
                return isFinal ? throw new JsonException("The health snapshot is empty.") : 0;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                _phase = Phase.Done;
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                _phase = Phase.InArray;
            }
            else
            {
                throw new JsonException($"Expected an array of health checks, got {reader.TokenType}.");
            }

            consumed = Commit(ref reader);
        }

        var previous = _previous;
        while (_phase == Phase.InArray)
        {
            if (!reader.Read())
            {
                return isFinal ? throw new JsonException("The health snapshot ends inside the array.") : consumed;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _phase = Phase.Done;
                consumed = Commit(ref reader);
                break;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a health check object, got {reader.TokenType}.");
            }

            // Consul lists checks sorted by node and check ID, so the previous snapshot's check at the cursor is
            // almost always the same check: compare against it first and only look it up by key when it is not.
            var guess = _cursor < previous.Count ? previous[_cursor] : null;
            var fields = _fields;
            bool complete;
            try
            {
                complete = HealthCheckReader.ReadCheck(ref reader, guess, _pool, ref fields);
            }
            catch (InvalidOperationException ex)
            {
                // "\ud800" alone is valid JSON syntax but no text: the reader refuses to read or compare it.
                throw new JsonException("A health check holds an escaped lone surrogate, which is not text.", ex);
            }

            if (!complete)
            {
                return isFinal ? throw new JsonException("The health snapshot ends inside a check.") : consumed;
            }

            _fields = fields;
            CheckInfo? match = null;
            if (guess is not null && guess.Node == fields.Node && guess.CheckId == fields.CheckId)
            {
                match = guess;
                _cursor++;
            }
            else if (previous.Count > 0 && FindPrevious(new CheckKey(fields.Node, fields.CheckId, Datacenter)) is var index and >= 0)
            {
                match = previous[index];
                _cursor = index + 1;
            }

            _checks.Add(match is not null && fields.SameAs(match) ? match : fields.ToInfo(match, Datacenter));
            consumed = Commit(ref reader);
        }

        // Only whitespace may follow the array (the reader throws on a second value).
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the health snapshot.");
        }

        return isFinal || data[consumed..].IndexOfAnyExcept(" \t\r\n"u8) < 0 ? data.Length : consumed;
    }

    private int Commit(ref Utf8JsonReader reader)
    {
        _readerState = reader.CurrentState;
        return checked((int)reader.BytesConsumed);
    }

    private void Remember(IReadOnlyList<CheckInfo> checks)
    {
        _previous = checks;
        _previousIndex = null;
    }

    private int FindPrevious(CheckKey key)
    {
        if (_previousIndex is null)
        {
            _previousIndex = new Dictionary<CheckKey, int>(_previous.Count);
            for (var i = 0; i < _previous.Count; i++)
            {
                _previousIndex[_previous[i].Key] = i;
            }
        }

        return _previousIndex.TryGetValue(key, out var index) ? index : -1;
    }
}
