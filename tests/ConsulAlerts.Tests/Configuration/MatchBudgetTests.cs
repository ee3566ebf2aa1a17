using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class MatchBudgetTests
{
    [Fact]
    public void IsMatch_ChargesTheTimeSpentUntilExhausted()
    {
        var time = new FakeTimeProvider();
        var budget = new MatchBudget(TimeSpan.FromMilliseconds(10), time);
        var pattern = ConfiguredPattern.Compile("k", "^a");

        budget.IsMatch(pattern, "abc").ShouldBeTrue();
        budget.Exhausted.ShouldBeFalse("no time passed on this clock");

        // A clock that moves 20 ms while the pattern runs, as a slow pattern would.
        var slow = new MatchBudget(TimeSpan.FromMilliseconds(10), new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(20) });
        slow.IsMatch(pattern, "xyz").ShouldBeFalse();
        slow.Exhausted.ShouldBeTrue();
    }

    [Fact]
    public void ForRequest_HasThePerRequestLimit() =>
        MatchBudget.PerRequest.ShouldBe(TimeSpan.FromMilliseconds(250));

}
