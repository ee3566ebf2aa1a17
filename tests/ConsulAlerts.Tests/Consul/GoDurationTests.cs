using ConsulAlerts.Consul;

namespace ConsulAlerts.Tests.Consul;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData(300_000.0, "300000ms")]
    [InlineData(15_000.0, "15000ms")]
    [InlineData(1.0, "1ms")]
    [InlineData(0.001, "1ms")]
    [InlineData(1.5, "2ms")]
    public void ToMilliseconds_PositiveWait_HasUnitAndAtLeastOneMillisecond(double milliseconds, string expected) =>
        GoDuration.ToMilliseconds(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);

    [Fact]
    public void ToMilliseconds_Zero_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => GoDuration.ToMilliseconds(TimeSpan.Zero));

    [Theory]
    [InlineData("30s", 30_000.0)]
    [InlineData("1m30s", 90_000.0)]
    [InlineData("1.5h", 5_400_000.0)]
    [InlineData("15000ms", 15_000.0)]
    [InlineData("0", 0.0)]
    [InlineData("0s", 0.0)]
    [InlineData("500us", 0.5)]
    [InlineData("2000000ns", 2.0)]
    [InlineData("-5s", -5_000.0)]
    public void TryParse_GoDuration_GivesTimeSpan(string text, double expectedMilliseconds)
    {
        GoDuration.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("5 minutes")]
    [InlineData("s")]
    [InlineData("1x")]
    public void TryParse_NotAGoDuration_ReturnsFalse(string text) =>
        GoDuration.TryParse(text, out _).ShouldBeFalse();
}
