using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

public sealed class GoTimeJsonConverterTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("2024-03-05T10:11:12Z", "2024-03-05T10:11:12Z")]
    [InlineData("2024-03-05T10:11:12.5Z", "2024-03-05T10:11:12.5Z")]
    [InlineData("2024-03-05T10:11:12.123456789Z", "2024-03-05T10:11:12.1234567Z")]
    [InlineData("2024-03-05T11:11:12.120+01:00", "2024-03-05T10:11:12.12Z")]
    [InlineData("2024-03-05T05:11:12.123456789-05:00", "2024-03-05T10:11:12.1234567Z")]
    public void TryParseThenFormat_GoTimestamps_RoundTripAsUtc(string go, string ours)
    {
        GoTimeJsonConverter.TryParse(go, out var value).ShouldBeTrue();

        GoTimeJsonConverter.Format(value).ShouldBe(ours);
    }

    [Fact]
    public void Format_ZeroTime_WritesGoZeroTime() =>
        GoTimeJsonConverter.Format(default).ShouldBe("0001-01-01T00:00:00Z");

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-13-05T10:11:12Z")]
    public void TryParse_NotATimestamp_False(string text) => GoTimeJsonConverter.TryParse(text, out _).ShouldBeFalse();
}
