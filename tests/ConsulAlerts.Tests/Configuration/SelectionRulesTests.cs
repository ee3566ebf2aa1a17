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
    public void Find_CatastrophicPattern_DecidedCorrectlyAndTheNextTried() =>
        Rules.Find(new string('a', 40) + "!").ShouldBe("anything");

    [Fact]
    public void Find_PatternTimesOut_ItsProfileIsUsed()
    {
        var timeouts = new PatternTimeouts();
        var rules = new SelectionRules
        {
            Patterns = [(ConfiguredPattern.Compile("k", @"^(?=(\w+\s?)*$)", timeouts), "hostile"), (Pattern("."), "anything")],
        };

        rules.Find(new string('a', 40) + "!").ShouldBe("hostile");
        timeouts.Keys.ShouldBe(["k"]);
    }

    [Fact]
    public void Find_SameIdAgain_PatternsRunOnce()
    {
        var pattern = Pattern("^web");
        var rules = new SelectionRules { Patterns = [(pattern, "web")] };

        for (int i = 0; i < 10; i++)
        {
            rules.Find("web-1").ShouldBe("web");
            rules.Find("db-1").ShouldBeNull();
        }

        pattern.Evaluations.ShouldBe(2);
    }

    [Fact]
    public void Find_NoRules_Null() => SelectionRules.None.Find("web").ShouldBeNull();

    [Theory]
    [InlineData("web-admin", "admins")]
    [InlineData("db,web-admin", "admins")]
    [InlineData("db-1,web-1", "web")]
    [InlineData("db,sys-admin", "hostile")]
    [InlineData("db-1,sys-admin", "admins-regex")]
    [InlineData("", null)]
    public void FindAny_ExactOfAnyIdFirstThenTheFirstPatternMatchingAny(string ids, string? expected) =>
        Rules.FindAny(ids.Length == 0 ? [] : ids.Split(',')).ShouldBe(expected);

    [Fact]
    public void FindAny_NoRuleMatches_Null() =>
        new SelectionRules { Patterns = [(Pattern("^x"), "x")] }.FindAny(["a", "b"]).ShouldBeNull();

    private static ConfiguredPattern Pattern(string pattern) => ConfiguredPattern.Compile("consul-alerts/config/notif-selection/services", pattern);
}
