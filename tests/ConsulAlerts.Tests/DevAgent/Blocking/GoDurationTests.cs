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
    [InlineData("-9223372036854775808ns", long.MinValue)]
    [InlineData("9223372036854775807ns", long.MaxValue)]
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
    [InlineData("9223372036854775808ns")]
    [InlineData("2562048h")]
    public void TryParseNanoseconds_InvalidText_ReturnsFalse(string text) =>
        GoDuration.TryParseNanoseconds(text, out _).ShouldBeFalse();

    // Found by GoDurationPropertyTests: more than 20 fraction digits were refused, which Go reads.
    [Fact]
    public void TryParseNanoseconds_FractionOf25Digits_TruncatedToNanoseconds()
    {
        GoDuration.TryParseNanoseconds("01.5092946240175936317642541\u03bcs", out var nanos).ShouldBeTrue();
        nanos.ShouldBe(1509L);
    }

    // Found by GoDurationPropertyTests: the magnitude of long.MinValue overflowed into "--9223372036854775808ns".
    [Fact]
    public void FormatNanoseconds_MinValue_GoStringThatParsesBack()
    {
        var text = GoDuration.FormatNanoseconds(long.MinValue);

        text.ShouldBe("-2562047h47m16.854775808s");
        GoDuration.TryParseNanoseconds(text, out var back).ShouldBeTrue();
        back.ShouldBe(long.MinValue);
    }

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
