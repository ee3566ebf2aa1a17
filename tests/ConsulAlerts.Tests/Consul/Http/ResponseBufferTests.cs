using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Consul.Http;

public sealed class ResponseBufferTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(200_000, true)]
    [InlineData(200_000, false)]
    public async Task FillAsync_Stream_HoldsExactlyItsBytes(int size, bool lengthKnown)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        var buffer = new ResponseBuffer();

        await buffer.FillAsync(new TrickleStream(bytes), lengthKnown ? size : null, CancellationToken.None);

        buffer.Memory.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task FillAsync_SmallerAfterLarger_ReusesTheArray()
    {
        var buffer = new ResponseBuffer();
        await buffer.FillAsync(new TrickleStream(new byte[300_000]), null, CancellationToken.None);
        int capacity = buffer.Capacity;

        await buffer.FillAsync(new TrickleStream([1, 2, 3]), 3, CancellationToken.None);

        buffer.Capacity.ShouldBe(capacity);
        buffer.Memory.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
    }

    /// <summary>Hands out at most 4 KiB a read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
    }
}
