using System.Text.Json;
using ConsulAlerts.DevAgent.Sessions;

namespace ConsulAlerts.Tests.DevAgent.Sessions;

public sealed class LockDelayTests
{
    [Theory]
    [InlineData(null, 15_000_000_000L)]
    [InlineData("null", 15_000_000_000L)]
    [InlineData("\"15s\"", 15_000_000_000L)]
    [InlineData("\"0s\"", 0L)]
    [InlineData("5", 5_000_000_000L)]
    [InlineData("999", 60_000_000_000L)]
    [InlineData("1000", 1_000L)]
    [InlineData("2000000000", 2_000_000_000L)]
    [InlineData("\"90s\"", 60_000_000_000L)]
    [InlineData("\"500ns\"", 60_000_000_000L)]
    [InlineData("\"10ns\"", 10_000_000_000L)]
    public void ParseNanoseconds_Value_AppliesSecondsThresholdAndCap(string? json, long expected) =>
        LockDelay.ParseNanoseconds(Parse(json)).ShouldBe(expected);

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"15\"")]
    [InlineData("true")]
    [InlineData("[]")]
    public void ParseNanoseconds_Unreadable_ReturnsNull(string json) =>
        LockDelay.ParseNanoseconds(Parse(json)).ShouldBeNull();

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
