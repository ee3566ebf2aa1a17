using ConsulAlerts.Silences;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceMatcherNotationTests
{
    [Theory]
    [InlineData("node=web-1", "node", "web-1", false, true)]
    [InlineData("service=~\"api|web\"", "service", "api|web", true, true)]
    [InlineData("service=~api|web", "service", "api|web", true, true)]
    [InlineData("status!=passing", "status", "passing", false, false)]
    [InlineData("check!~\"^_\"", "check", "^_", true, false)]
    [InlineData("check-name=\"say \\\"hi\\\"\"", "check-name", "say \"hi\"", false, true)]
    [InlineData("node=a=b", "node", "a=b", false, true)]
    [InlineData("node=", "node", "", false, true)]
    [InlineData("foo=bar", "foo", "bar", false, true)]
    public void TryParse_Notation_Matcher(string text, string name, string value, bool isRegex, bool isEqual)
    {
        SilenceMatcherNotation.TryParse(text, out var matcher, out var error).ShouldBeTrue(error);

        matcher.ShouldBe(new SilenceMatcher { Name = name, Value = value, IsRegex = isRegex, IsEqual = isEqual });
    }

    [Theory]
    [InlineData("web-1", "is not a matcher")]
    [InlineData("=web-1", "is not a matcher")]
    [InlineData("node!web", "'!' must be followed by '=' or '~'")]
    [InlineData("node=\"web", "the quoted value is not closed")]
    [InlineData("node=\"web\"x", "the quoted value is not closed")]
    public void TryParse_NotANotation_Reason(string text, string reason)
    {
        SilenceMatcherNotation.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldContain(reason);
    }

    [Fact]
    public void Format_Parsed_RoundTrips()
    {
        var matcher = new SilenceMatcher { Name = "check-name", Value = "a \"b\" \\ c", IsRegex = true, IsEqual = false };

        var text = SilenceMatcherNotation.Format(matcher);

        text.ShouldBe("check-name!~\"a \\\"b\\\" \\\\ c\"");
        SilenceMatcherNotation.TryParse(text, out var back, out _).ShouldBeTrue();
        back.ShouldBe(matcher);
    }
}
