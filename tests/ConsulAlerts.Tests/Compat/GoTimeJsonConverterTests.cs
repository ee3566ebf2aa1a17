using System.Text.Json;
using ConsulAlerts.Compat;

namespace ConsulAlerts.Tests.Compat;

public sealed class GoTimeJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GoTimeJsonConverter() } };

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2026-03-04T05:06:07Z")]
    [InlineData("2026-03-04T05:06:07.1Z")]
    [InlineData("2026-03-04T05:06:07.1234567Z")]
    [InlineData("2026-03-04T05:06:07+02:00")]
    [InlineData("2026-03-04T05:06:07.5-07:30")]
    public void Format_ParsedTime_GivesGoTextBack(string text) =>
        GoTimeJsonConverter.Format(GoTimeJsonConverter.Parse(text)).ShouldBe(text);

    [Theory]
    [InlineData("2024-03-05T10:11:12.123456789Z", "2024-03-05T10:11:12.1234567Z")]
    [InlineData("2024-03-05T11:11:12.120+01:00", "2024-03-05T11:11:12.12+01:00")]
    [InlineData("2024-03-05T05:11:12.123456789-05:00", "2024-03-05T05:11:12.1234567-05:00")]
    public void Format_GoNanoseconds_TruncatedTo100ns(string go, string ours) =>
        GoTimeJsonConverter.Format(GoTimeJsonConverter.Parse(go)).ShouldBe(ours);

    [Fact]
    public void Parse_NineFractionDigits_KeepsTicksAndDropsTheRest() =>
        GoTimeJsonConverter.Parse("2026-03-04T05:06:07.123456789Z")
            .ShouldBe(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567));

    [Fact]
    public void Format_ZeroTime_WritesGoZeroTime() =>
        GoTimeJsonConverter.Format(default).ShouldBe("0001-01-01T00:00:00Z");

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-13-05T10:11:12Z")]
    public void Parse_NotATime_ThrowsJsonExceptionAndTryParseFalse(string text)
    {
        Should.Throw<JsonException>(() => GoTimeJsonConverter.Parse(text));
        GoTimeJsonConverter.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Read_Null_IsZeroTime()
    {
        JsonSerializer.Deserialize<DateTimeOffset>("null", Options).ShouldBe(default);
    }
}
