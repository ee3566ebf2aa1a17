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

    [Fact]
    public void Holds_LeaseRanOut_FalseAndTheTermEndsBeforeItReturns()
    {
        LeaderTerm? term = null;
        term = new LeaderTerm(1, "sid", "consul-alerts/leader", DateTimeOffset.UnixEpoch, () =>
        {
            term!.End("its lease ran out");
            return false;
        });

        term.Holds().ShouldBeFalse();

        term.IsOver.ShouldBeTrue();
        term.Token.IsCancellationRequested.ShouldBeTrue();
        term.EndReason.ShouldBe("its lease ran out");
    }

    [Fact]
    public void Holds_LeaseHolds_True()
    {
        var term = new LeaderTerm(1, "sid", "consul-alerts/leader", DateTimeOffset.UnixEpoch, () => true);

        term.Holds().ShouldBeTrue();
        term.End("released");
        term.Holds().ShouldBeFalse();
    }
}
