using ConsulAlerts.DevAgent.Blocking;

namespace ConsulAlerts.Tests.DevAgent.Blocking;

public sealed class BlockingQueryTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_IndexZero_ReturnsWithoutWaiting()
    {
        var source = new Source();
        var signal = new ChangeSignal();

        var result = await BlockingQuery.RunAsync(source, signal, 0, Timeout.InfiniteTimeSpan, () => new BlockingResult<int>(5, 7), default)
            .WaitAsync(HangGuard);

        result.ShouldBe(new BlockingResult<int>(5, 7));
    }

    [Fact]
    public async Task RunAsync_IndexNotYetExceeded_ReturnsAfterChangeRaisesIndex()
    {
        var source = new Source();
        var signal = new ChangeSignal();
        ulong index = 5;

        int parks = 0;
        var query = BlockingQuery.RunAsync(
            source, signal, 5, Timeout.InfiniteTimeSpan, () => new BlockingResult<ulong>(index, index), default, () => Park(ref parks));
        await Eventually.ShouldHoldAsync(() => Volatile.Read(ref parks) == 1, "the query waits");
        query.IsCompleted.ShouldBeFalse();

        // A change that leaves the index alone does not end the query: it looks again and goes back to waiting.
        signal.Notify();
        await Eventually.ShouldHoldAsync(() => Volatile.Read(ref parks) == 2, "the query waits again");
        query.IsCompleted.ShouldBeFalse();

        lock (source.Gate)
        {
            index = 6;
        }

        signal.Notify();
        (await query.WaitAsync(HangGuard)).Index.ShouldBe(6UL);
    }

    [Fact]
    public async Task RunAsync_Timeout_ReturnsCurrentResult()
    {
        var source = new Source();

        var result = await BlockingQuery.RunAsync(source, new ChangeSignal(), 5, TimeSpan.FromMilliseconds(50), () => new BlockingResult<int>(5, 1), default)
            .WaitAsync(HangGuard);

        result.Index.ShouldBe(5UL);
    }

    [Fact]
    public async Task RunAsync_StillNotFoundAfterIndexMoves_KeepsBlocking()
    {
        var source = new Source();
        var signal = new ChangeSignal();
        ulong tableIndex = 5;
        var found = false;

        int parks = 0;
        var query = BlockingQuery.RunAsync(
            source, signal, 5, Timeout.InfiniteTimeSpan, () => new BlockingResult<bool>(tableIndex, found, !found), default, () => Park(ref parks));
        await Eventually.ShouldHoldAsync(() => Volatile.Read(ref parks) == 1, "the query waits");
        lock (source.Gate)
        {
            tableIndex = 6;
        }

        signal.Notify();
        await Eventually.ShouldHoldAsync(() => Volatile.Read(ref parks) == 2, "the query looked again and waits");
        query.IsCompleted.ShouldBeFalse();

        lock (source.Gate)
        {
            tableIndex = 7;
            found = true;
        }

        signal.Notify();
        (await query.WaitAsync(HangGuard)).Value.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_GenerationChanges_ReturnsEvenWithLowerIndex()
    {
        var source = new Source();
        var signal = new ChangeSignal();
        ulong index = 10;

        var query = BlockingQuery.RunAsync(source, signal, 10, Timeout.InfiniteTimeSpan, () => new BlockingResult<ulong>(index, index), default);
        lock (source.Gate)
        {
            index = 1;
            source.Bump();
        }

        signal.Notify();
        (await query.WaitAsync(HangGuard)).Index.ShouldBe(1UL);
    }

    private sealed class Source : IBlockingSource
    {
        private long _generation;

        public Lock Gate { get; } = new();

        public long Generation => Interlocked.Read(ref _generation);

        public void Bump() => Interlocked.Increment(ref _generation);
    }

    // Counts each time the query starts waiting for a change.
    private static IDisposable? Park(ref int parks)
    {
        Interlocked.Increment(ref parks);
        return null;
    }
}
