using ConsulAlerts.Resilience;

namespace ConsulAlerts.Tests.Resilience;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(2, 0.0, 2.0)]
    [InlineData(3, 0.0, 4.0)]
    [InlineData(8, 0.0, 128.0)]
    [InlineData(9, 0.0, 180.0)]
    [InlineData(1000, 0.0, 180.0)]
    [InlineData(1, 0.5, 0.9)]
    [InlineData(9, 0.5, 162.0)]
    [InlineData(9, 0.999999, 144.00003600000001)]
    public void Exponential_Failures_DoublesCapsAndJitters(int attempt, double random, double expectedSeconds)
    {
        var delay = Backoff.Exponential(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(180), random, jitterFraction: 0.2);

        delay.TotalSeconds.ShouldBe(expectedSeconds, tolerance: 0.001);
    }

    [Fact]
    public void Exponential_ZeroAttempt_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Backoff.Exponential(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 0, 0));
}
