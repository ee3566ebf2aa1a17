using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class MatchCacheTests
{
    [Fact]
    public void Add_PastCapacity_NewNamesAreNotRemembered()
    {
        var cache = new MatchCache<bool>();
        for (int i = 0; i < MatchCache<bool>.Capacity + 10; i++)
        {
            cache.Add($"n{i}", true);
        }

        cache.Count.ShouldBe(MatchCache<bool>.Capacity);
        cache.TryGet("n0", out var first).ShouldBeTrue();
        first.ShouldBeTrue();
        cache.TryGet($"n{MatchCache<bool>.Capacity + 5}", out _).ShouldBeFalse();
    }
}
