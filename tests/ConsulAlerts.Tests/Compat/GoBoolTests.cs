using ConsulAlerts.Compat;

namespace ConsulAlerts.Tests.Compat;

public sealed class GoBoolTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
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
