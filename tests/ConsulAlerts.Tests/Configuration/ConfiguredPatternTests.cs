using System.Text.RegularExpressions;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfiguredPatternTests
{
    [Theory]
    [InlineData(@"^(\w+\s?)*$")]
    [InlineData("^(a|aa)+$")]
    [InlineData("^(a+)+b|-x$")]
    [InlineData("^web-[0-9]+$")]
    public void Compile_GoSyntax_RunsOnTheLinearEngine(string pattern)
    {
        var compiled = ConfiguredPattern.Compile("k", pattern);

        compiled.Linear.ShouldBeTrue();
        compiled.Regex.Options.ShouldBe(RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        compiled.Text.ShouldBe(pattern);
        compiled.Key.ShouldBe("k");
    }

    [Theory]
    [InlineData("(?=a)a")]
    [InlineData(@"(a)\1")]
    [InlineData("(?>a+)b")]
    [InlineData("(a{100}){100}")]
    public void Compile_BacktrackingOnlySyntax_UsesTheTightTimeout(string pattern)
    {
        var compiled = ConfiguredPattern.Compile("k", pattern);

        compiled.Linear.ShouldBeFalse();
        compiled.Regex.MatchTimeout.ShouldBe(ConfiguredPattern.BacktrackingTimeout);
    }

    [Fact]
    public void IsMatch_HostileNameOnLinearEngine_AnswersRight()
    {
        var compiled = ConfiguredPattern.Compile("k", "^(a+)+b|-x$");

        compiled.IsMatch(new string('a', 64) + "-x").ShouldBeTrue();
        compiled.IsMatch(new string('a', 64) + "-y").ShouldBeFalse();
    }

    [Fact]
    public void Compile_InvalidPattern_Throws() =>
        Should.Throw<RegexParseException>(() => ConfiguredPattern.Compile("k", "(unclosed"));
}
