using ConsulAlerts.Consul.Blocking;

namespace ConsulAlerts.Tests.Consul.Blocking;

public sealed class TokenBucketTests
{
    [Fact]
    public void Reserve_BurstThenPaced_OneTokenPerInterval()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(2, TimeSpan.FromSeconds(5), time);

        bucket.Reserve().ShouldBe(TimeSpan.Zero);
        bucket.Reserve().ShouldBe(TimeSpan.Zero);
        bucket.Reserve().ShouldBe(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        bucket.Reserve().ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Reserve_AfterLongBlockingCall_BurstIsBackButNotMore()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(2, TimeSpan.FromSeconds(5), time);
        bucket.Reserve();
        bucket.Reserve();

        time.Advance(TimeSpan.FromMinutes(5));

        bucket.Reserve().ShouldBe(TimeSpan.Zero);
        bucket.Reserve().ShouldBe(TimeSpan.Zero);
        bucket.Reserve().ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Reserve_ZeroInterval_NeverWaits()
    {
        var bucket = new TokenBucket(1, TimeSpan.Zero, new FakeTimeProvider());

        Enumerable.Range(0, 10).Select(_ => bucket.Reserve()).ShouldAllBe(d => d == TimeSpan.Zero);
    }
}
