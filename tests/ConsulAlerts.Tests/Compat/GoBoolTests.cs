using ConsulAlerts.Compat;

namespace ConsulAlerts.Tests.Compat;

public sealed class GoBoolTests
{
    /// <summary>Every spelling Go's strconv.ParseBool accepts, shared by the tests of each place that reads Go booleans.</summary>
    public static TheoryData<string, bool> Forms { get; } = new()
    {
        { "1", true }, { "t", true }, { "T", true }, { "TRUE", true }, { "true", true }, { "True", true },
        { "0", false }, { "f", false }, { "F", false }, { "FALSE", false }, { "false", false }, { "False", false },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void TryParse_GoBoolean_Parses(string text, bool expected)
    {
        GoBool.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("tRUE")]
    [InlineData("2")]
    [InlineData(" true")]
    [InlineData("on")]
    public void TryParse_Other_Fails(string? text)
    {
        GoBool.TryParse(text, out var value).ShouldBeFalse();
        value.ShouldBeNull();
    }
}
