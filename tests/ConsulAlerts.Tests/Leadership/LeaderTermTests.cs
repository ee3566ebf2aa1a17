using ConsulAlerts.Leadership;

namespace ConsulAlerts.Tests.Leadership;

public sealed class LeaderTermTests
{
    [Fact]
    public void End_Twice_FirstReasonWinsAndTheTokenIsCancelled()
    {
        var term = new LeaderTerm(3, "sid", "consul-alerts/leader", DateTimeOffset.UnixEpoch);
        term.IsOver.ShouldBeFalse();

        term.End("the lock was released").ShouldBeTrue();
        term.End("shutting down").ShouldBeFalse();

        term.IsOver.ShouldBeTrue();
        term.Token.IsCancellationRequested.ShouldBeTrue();
        term.EndReason.ShouldBe("the lock was released");
    }

    [Fact]
    public void Guard_ChecksTheSessionOnTheLockKey()
    {
        var term = new LeaderTerm(1, "sid-1", "team-a/leader", DateTimeOffset.UnixEpoch);

        var guard = term.Guard.Kv.ShouldNotBeNull();

        (guard.Verb, guard.Key, guard.Session).ShouldBe(("check-session", "team-a/leader", "sid-1"));
    }
}
