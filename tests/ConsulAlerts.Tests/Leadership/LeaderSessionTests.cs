using ConsulAlerts.Leadership;

namespace ConsulAlerts.Tests.Leadership;

public sealed class LeaderSessionTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CheckTtl = TimeSpan.FromSeconds(4);

    [Fact]
    public void LeaseHolds_JustCreated_True()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), "_consul-alerts-leader:x", CheckTtl, time);

        session.LeaseHolds().ShouldBeTrue();
    }

    [Fact]
    public void LeaseHolds_NoPassForTheCheckTtl_FalseThoughTheSessionTtlHasNotPassed()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), "_consul-alerts-leader:x", CheckTtl, time);

        time.Advance(CheckTtl - TimeSpan.FromMilliseconds(1));
        session.LeaseHolds().ShouldBeTrue();
        time.Advance(TimeSpan.FromMilliseconds(1));

        session.LeaseHolds().ShouldBeFalse();
        session.LeaseState().ShouldContain("check last passed 4 s ago (TTL 4 s)");
    }

    [Fact]
    public void LeaseHolds_PassedAndRenewed_ExtendsFromWhenEachWasSent()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), "_consul-alerts-leader:x", CheckTtl, time);

        for (var second = 1; second <= 12; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            session.Passed(time.GetTimestamp());
            if (second % 5 == 0)
            {
                session.Renewed(time.GetTimestamp());
            }
        }

        session.LeaseHolds().ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(3));
        session.LeaseHolds().ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(1));
        session.LeaseHolds().ShouldBeFalse();
    }

    [Fact]
    public void Passed_OlderConfirmationArrivingLate_DoesNotMoveTheLeaseBack()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), "_consul-alerts-leader:x", CheckTtl, time);
        var early = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(3));
        session.Passed(time.GetTimestamp());

        session.Passed(early);
        time.Advance(TimeSpan.FromSeconds(3));

        session.LeaseHolds().ShouldBeTrue();
    }

    [Fact]
    public void LeaseHolds_WithoutCheck_OnlyTheSessionTtlCounts()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), null, TimeSpan.Zero, time);

        time.Advance(TimeSpan.FromSeconds(9));
        session.LeaseHolds().ShouldBeTrue();
        session.Renewed(time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(9));
        session.LeaseHolds().ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(1));

        session.LeaseHolds().ShouldBeFalse();
    }

    [Fact]
    public void LeaseHolds_Invalidated_False()
    {
        var time = new FakeTimeProvider();
        var session = new LeaderSession("s", Ttl, time.GetTimestamp(), time.GetTimestamp(), "_consul-alerts-leader:x", CheckTtl, time);

        session.Invalidate("destroyed");

        session.LeaseHolds().ShouldBeFalse();
        session.Reason.ShouldBe("destroyed");
    }
}
