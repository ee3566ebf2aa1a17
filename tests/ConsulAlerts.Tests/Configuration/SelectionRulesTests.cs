using System.Text.RegularExpressions;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class SelectionRulesTests
{
    private static readonly SelectionRules Rules = new()
    {
        Exact = new Dictionary<string, string>(StringComparer.Ordinal) { ["web-admin"] = "admins" },
        Patterns =
        [
            (Pattern(@"^(\w+\s?)*$"), "hostile"),
            (Pattern("^web"), "web"),
            (Pattern("admin"), "admins-regex"),
            (Pattern("."), "anything"),
        ],
    };

    [Theory]
    [InlineData("web-admin", "admins")]
    [InlineData("web-1", "web")]
    [InlineData("sys-admin", "admins-regex")]
    [InlineData("db", "hostile")]
    [InlineData("db-1", "anything")]
    public void Find_ExactFirstThenPatternsInOrder(string id, string expected) => Rules.Find(id).ShouldBe(expected);

    [Fact]
    public void Find_PatternTimesOut_NextPatternTried() =>
        Rules.Find(new string('a', 40) + "!").ShouldBe("anything");

    [Fact]
    public void Find_NoRules_Null() => SelectionRules.None.Find("web").ShouldBeNull();

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(20));
}
