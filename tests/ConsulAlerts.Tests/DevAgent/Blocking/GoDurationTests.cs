using ConsulAlerts.DevAgent.Blocking;

namespace ConsulAlerts.Tests.DevAgent.Blocking;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("300s", 300_000_000_000L)]
    [InlineData("5m", 300_000_000_000L)]
    [InlineData("15000ms", 15_000_000_000L)]
    [InlineData("1ms", 1_000_000L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("100ns", 100L)]
    [InlineData("3us", 3_000L)]
    [InlineData("3\u00b5s", 3_000L)]
    [InlineData("-2s", -2_000_000_000L)]
    [InlineData("+2s", 2_000_000_000L)]
    public void TryParseNanoseconds_ValidGoDuration_ReturnsValue(string text, long expected)
    {
        GoDuration.TryParseNanoseconds(text, out var nanos).ShouldBeTrue();
        nanos.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("1.5")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("5 s")]
    [InlineData("-")]
    [InlineData(".s")]
    [InlineData("99999999999999999999h")]
    public void TryParseNanoseconds_InvalidText_ReturnsFalse(string text) =>
        GoDuration.TryParseNanoseconds(text, out _).ShouldBeFalse();

    [Fact]
    public void TryParse_Minutes_ReturnsTimeSpan()
    {
        GoDuration.TryParse("5m", out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(60_000_000_000L, "1m0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(500_000_000L, "500ms")]
    [InlineData(1_500_000L, "1.5ms")]
    [InlineData(2_000L, "2\u00b5s")]
    [InlineData(100L, "100ns")]
    [InlineData(3_723_500_000_000L, "1h2m3.5s")]
    [InlineData(86_400_000_000_000L, "24h0m0s")]
    [InlineData(-2_000_000_000L, "-2s")]
    public void FormatNanoseconds_Value_MatchesGoString(long nanos, string expected) =>
        GoDuration.FormatNanoseconds(nanos).ShouldBe(expected);

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("15", "time: missing unit in duration \"15\"")]
    [InlineData("-1.5", "time: missing unit in duration \"-1.5\"")]
    [InlineData("5x", "time: unknown unit \"x\" in duration \"5x\"")]
    [InlineData("1h2d", "time: unknown unit \"d\" in duration \"1h2d\"")]
    [InlineData("soon", "time: invalid duration \"soon\"")]
    [InlineData("s5", "time: invalid duration \"s5\"")]
    public void ErrorFor_TextGoRefuses_IsGosMessage(string text, string message)
    {
        GoDuration.TryParse(text, out _).ShouldBeFalse();

        GoDuration.ErrorFor(text).ShouldBe(message);
    }
}
