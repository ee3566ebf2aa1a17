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

    [Theory]
    [InlineData(0.0, "0s")]
    [InlineData(90.0, "1m30s")]
    [InlineData(3600.0, "1h")]
    [InlineData(5400.0, "1h30m")]
    [InlineData(432_000.0, "120h")]
    [InlineData(3661.0, "1h1m1s")]
    [InlineData(45.0, "45s")]
    public void ToText_WholeSeconds_AsGoPrintsThem(double seconds, string expected)
    {
        GoDuration.ToText(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
        GoDuration.TryParse(expected, out var back).ShouldBeTrue();
        back.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

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

    // Found by GoDurationPropertyTests: about 564 years was accepted; Go's int64 of nanoseconds ends near 292.
    [Theory]
    [InlineData("17846960768985678.5us")]
    [InlineData("2562048h")]
    [InlineData("9223372036854775808ns")]
    public void TryParse_PastGoInt64Range_ReturnsFalse(string text) =>
        GoDuration.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData(" 15s ", 15_000_000_000L)]
    [InlineData("0.3s", 300_000_000L)]
    [InlineData("1.0000001s", 1_000_000_100L)]
    [InlineData("-9223372036854775808ns", -9_223_372_036_854_775_800L)]
    public void TryParse_GoDuration_ExactTicks(string text, long expectedNanoseconds)
    {
        GoDuration.TryParse(text, out var value).ShouldBeTrue();
        value.Ticks.ShouldBe(expectedNanoseconds / 100);
    }
}
