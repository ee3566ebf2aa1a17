namespace ConsulAlerts.Consul.Http;

/// <summary>
/// A response body buffer that one caller reuses from request to request. A full health snapshot of a large cluster
/// is tens of megabytes; reading each into a fresh array (or pooled arrays the pool then keeps) several times a
/// second makes the process hold several copies. The body is valid until the next read into the same buffer.
/// </summary>
internal sealed class ResponseBuffer
{
    private byte[] _array = [];
    private int _length;

    /// <summary>The last body read.</summary>
    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>Bytes kept for the next read.</summary>
    public int Capacity => _array.Length;

    /// <summary>Replaces the content with the whole of <paramref name="stream"/>.</summary>
    public async Task FillAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _length = 0;
        if (contentLength is { } expected && expected > _array.Length && expected <= Array.MaxLength)
        {
            _array = new byte[expected];
        }

        while (true)
        {
            if (_length == _array.Length)
            {
                // Grow by half again: big answers settle on one array after a few reads.
                var grown = new byte[Math.Max(64 * 1024, _array.Length + (_array.Length / 2))];
                _array.AsSpan(0, _length).CopyTo(grown);
                _array = grown;
            }

            int read = await stream.ReadAsync(_array.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                return;
            }

            _length += read;
        }
    }
}
