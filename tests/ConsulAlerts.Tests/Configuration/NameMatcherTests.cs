using System.Text.RegularExpressions;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NameMatcherTests
{
    private const string Catastrophic = @"^(\w+\s?)*$";
    private static readonly string HostileInput = new string('a', 40) + "!";

    [Theory]
    [InlineData("node-1", true)]
    [InlineData("tmp-7", true)]
    [InlineData("xtmp-7", false)]
    [InlineData("Node-1", false)]
    [InlineData("node-2", false)]
    public void Matches_ExactOrPattern(string name, bool expected)
    {
        var matcher = new NameMatcher
        {
            Exact = new HashSet<string>(StringComparer.Ordinal) { "node-1" },
            Patterns = [new Regex("^tmp-", RegexOptions.CultureInvariant, AlertsConfigParser.RegexTimeout)],
        };

        matcher.Matches(name).ShouldBe(expected);
        matcher.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void Matches_PatternTimesOut_NoMatchInsteadOfThrowing()
    {
        var hostile = new Regex(Catastrophic, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(20));
        Should.Throw<RegexMatchTimeoutException>(() => hostile.IsMatch(HostileInput));
        var matcher = new NameMatcher { Patterns = [hostile, new Regex("!$", RegexOptions.None, TimeSpan.FromMilliseconds(20))] };

        NameMatcher.SafeIsMatch(hostile, HostileInput).ShouldBeFalse();
        matcher.Matches(HostileInput).ShouldBeTrue("the next pattern is still tried");
        NameMatcher.None.Matches(HostileInput).ShouldBeFalse();
        NameMatcher.None.IsEmpty.ShouldBeTrue();
    }
}
