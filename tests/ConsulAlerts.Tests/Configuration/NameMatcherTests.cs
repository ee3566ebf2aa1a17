using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NameMatcherTests
{
    private const string Key = "consul-alerts/config/checks/blacklist/nodes";

    // Exponential for a backtracking engine on HostileInput; the linear engine decides it at once.
    private const string Catastrophic = @"^(\w+\s?)*$";

    // Needs the backtracking engine (lookahead), and backtracks exponentially on HostileInput.
    private const string BacktrackingOnly = @"^(?=(\w+\s?)*$)";

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
            Patterns = [ConfiguredPattern.Compile(Key, "^tmp-")],
        };

        matcher.Matches(name).ShouldBe(expected);
        matcher.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void Matches_CatastrophicPattern_DecidedCorrectlyWithoutTimingOut()
    {
        var timeouts = new PatternTimeouts();
        var matcher = new NameMatcher { Patterns = [ConfiguredPattern.Compile(Key, Catastrophic, timeouts), ConfiguredPattern.Compile(Key, "-muted$", timeouts)] };

        matcher.Matches(HostileInput).ShouldBeFalse();
        matcher.Matches(new string('a', 40) + "-muted").ShouldBeTrue("the next pattern is still tried");
        timeouts.Keys.ShouldBeEmpty();
    }

    [Fact]
    public void Matches_PatternTimesOut_FailsClosedAndReportsTheKeyOnce()
    {
        var timeouts = new PatternTimeouts();
        var reported = new List<string>();
        timeouts.FirstTimeout += reported.Add;
        var matcher = new NameMatcher { Patterns = [ConfiguredPattern.Compile(Key, BacktrackingOnly, timeouts)] };

        matcher.Matches(HostileInput).ShouldBeTrue("a match that runs out of time mutes the check");
        matcher.Matches(HostileInput + "?").ShouldBeTrue();

        reported.ShouldBe([Key]);
        timeouts.Keys.ShouldBe([Key]);
        NameMatcher.None.Matches(HostileInput).ShouldBeFalse();
        NameMatcher.None.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Matches_SameNameAgain_PatternsRunOnce()
    {
        var pattern = ConfiguredPattern.Compile(Key, "^tmp-");
        var matcher = new NameMatcher { Patterns = [pattern] };

        for (int i = 0; i < 100; i++)
        {
            matcher.Matches("tmp-1").ShouldBeTrue();
            matcher.Matches("web-1").ShouldBeFalse();
        }

        pattern.Evaluations.ShouldBe(2);
    }

    [Fact]
    public void Matches_BudgetSpent_UndecidedNamesFailClosedUncached()
    {
        var time = new FakeTimeProvider();
        var pattern = ConfiguredPattern.Compile(Key, "^tmp-");
        var matcher = new NameMatcher { Patterns = [pattern] };
        matcher.Matches("known").ShouldBeFalse();
        var spent = new MatchBudget(TimeSpan.Zero, time);

        matcher.Matches("web-1", spent).ShouldBeTrue("undecided once the request's budget is spent");
        matcher.Matches("known", spent).ShouldBeFalse("cached answers need no budget");
        pattern.Evaluations.ShouldBe(1);

        matcher.Matches("web-1", new MatchBudget(TimeSpan.FromSeconds(1), time)).ShouldBeFalse("the fail-closed answer was not cached");
    }
}
