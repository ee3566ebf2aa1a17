using ConsulAlerts.Consul.Blocking;

namespace ConsulAlerts.Tests.Consul.Blocking;

public sealed class BlockingIndexStateTests
{
    [Theory]
    [InlineData(10ul, 10ul)]
    [InlineData(0ul, 1ul)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    public void Advance_FirstAnswer_AlwaysChangedAndNeverNextZero(ulong index, ulong expectedNext)
    {
        var (next, changed) = BlockingIndexState.Initial.Advance(index, BlockingIndexMode.Raft);

        changed.ShouldBeTrue();
        next.NextIndex.ShouldBe(expectedNext);
        next.Last.ShouldBe(index);
    }

    [Theory]
    [InlineData(10ul, 10ul, false, 10ul)]
    [InlineData(10ul, 11ul, true, 11ul)]
    [InlineData(10ul, 9ul, true, 0ul)]
    [InlineData(10ul, 0ul, true, 0ul)]
    [InlineData(0ul, 0ul, false, 1ul)]
    [InlineData(0ul, 5ul, true, 5ul)]
    public void Advance_RaftMode_FollowsIndexRules(ulong previous, ulong index, bool expectedChanged, ulong expectedNext)
    {
        var state = new BlockingIndexState(previous, Math.Max(previous, 1));

        var (next, changed) = state.Advance(index, BlockingIndexMode.Raft);

        changed.ShouldBe(expectedChanged);
        next.NextIndex.ShouldBe(expectedNext);
    }

    [Fact]
    public void Advance_AfterBackwardsReset_SameIndexIsNotAChangeAndBlocksAgain()
    {
        var (reset, _) = new BlockingIndexState(10, 10).Advance(4, BlockingIndexMode.Raft);

        var (next, changed) = reset.Advance(4, BlockingIndexMode.Raft);

        reset.NextIndex.ShouldBe(0ul);
        changed.ShouldBeFalse();
        next.NextIndex.ShouldBe(4ul);
    }

    [Theory]
    [InlineData(100ul, 100ul, false, 100ul)]
    [InlineData(100ul, 50ul, true, 50ul)]
    [InlineData(100ul, 200ul, true, 200ul)]
    public void Advance_EqualityMode_OnlyEqualityMattersAndNeverResets(ulong previous, ulong index, bool expectedChanged, ulong expectedNext)
    {
        var (next, changed) = new BlockingIndexState(previous, previous).Advance(index, BlockingIndexMode.Equality);

        changed.ShouldBe(expectedChanged);
        next.NextIndex.ShouldBe(expectedNext);
    }

    [Fact]
    public void AfterError_KeepsLastAndNextIndex()
    {
        var state = new BlockingIndexState(10, 10).AfterError();

        state.NextIndex.ShouldBe(10ul);
        state.Advance(10, BlockingIndexMode.Raft).Changed.ShouldBeFalse();
        state.Advance(10, BlockingIndexMode.Raft).Next.NextIndex.ShouldBe(10ul);
    }
}
