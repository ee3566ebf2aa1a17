using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications;

public sealed class GoTimeJsonConverterTests
{
    [Theory]
    [InlineData("2026-03-04T05:06:07Z")]
    [InlineData("2026-03-04T05:06:07.1Z")]
    [InlineData("2026-03-04T05:06:07.1234567Z")]
    [InlineData("2026-03-04T05:06:07+02:00")]
    [InlineData("2026-03-04T05:06:07.5-07:30")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void Format_ParsedTime_GivesGoTextBack(string text) =>
        GoTimeJsonConverter.Format(GoTimeJsonConverter.Parse(text)).ShouldBe(text);

    [Fact]
    public void Parse_NineFractionDigits_KeepsTicksAndDropsTheRest() =>
        GoTimeJsonConverter.Parse("2026-03-04T05:06:07.123456789Z")
            .ShouldBe(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567));

    [Fact]
    public void Parse_NotATime_ThrowsJsonException() =>
        Should.Throw<System.Text.Json.JsonException>(() => GoTimeJsonConverter.Parse("yesterday"));
}
