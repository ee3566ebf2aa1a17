using ConsulAlerts.Leadership;

namespace ConsulAlerts.Tests.Leadership;

public sealed class LeaderElectionOptionsTests
{
    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(5, 0.0, 16000)]
    [InlineData(6, 0.0, 30000)]
    [InlineData(100, 0.0, 30000)]
    [InlineData(1, 0.5, 900)]
    [InlineData(6, 1.0, 24000)]
    [InlineData(0, 0.0, 1000)]
    public void Backoff_ConsecutiveFailures_DoublesUpToTheCapAndJitterShortensByAtMostAFifth(int failures, double jitter, int expectedMs)
    {
        var options = new LeaderElectionOptions();

        options.Backoff(failures, jitter).TotalMilliseconds.ShouldBe(expectedMs, tolerance: 1);
    }

    [Fact]
    public void Defaults_MatchTheDocumentedElection()
    {
        var options = new LeaderElectionOptions();

        (options.SessionTtl, options.CheckTtl, options.LockDelay, options.LockRetryTime, options.RenewRetryTime)
            .ShouldBe((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));
        options.CheckPassInterval.ShouldBe(TimeSpan.FromSeconds(1));
        LeaderElectionOptions.LockFlagValue.ShouldBe(3304740253564472344UL);
    }

    [Theory]
    [InlineData(0, 250)]
    [InlineData(100, 250)]
    [InlineData(1000, 1000)]
    [InlineData(3000, 3000)]
    [InlineData(15000, 5000)]
    [InlineData(60000, 5000)]
    public void LockDelayRetry_LockDelay_WaitsItOutWithinBounds(int lockDelayMs, int expectedMs)
    {
        var options = new LeaderElectionOptions { LockDelay = TimeSpan.FromMilliseconds(lockDelayMs) };

        options.LockDelayRetry.ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }
}
