using ConsulAlerts.Silences;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceMutesTests
{
    private static readonly DateTimeOffset During = SilenceSamples.Start.AddMinutes(30);

    [Fact]
    public void Of_ActiveSilence_NonPassingMatchingChecksOnly()
    {
        var checks = new FakeCheckView();
        checks.Add("web-1", "api", "service:api", "critical", "critical");
        checks.Add("web-1", "", "serfHealth", "passing", "passing");
        checks.Add("web-1", "db", "service:db", "warning", "warning");
        checks.Add("web-2", "api", "service:api", "critical", "critical");
        var rule = SilenceSamples.Stored("a", 1).Rule;

        var (muted, count) = SilenceMutes.Of(rule, checks, "dc1", During);

        count.ShouldBe(2);
        muted.Select(c => (c.Node, c.CheckId, c.Status)).ShouldBe([("web-1", "service:api", "critical"), ("web-1", "service:db", "warning")]);
    }

    [Fact]
    public void Of_StatusMatcher_TestsTheConfirmedStatus()
    {
        var checks = new FakeCheckView();
        checks.Add("web-1", "api", "service:api", "critical", "passing");
        checks.Add("web-1", "db", "service:db", "warning", "warning");
        var rule = SilenceSamples.Stored("a", 1, new SilenceMatcher { Name = "status", Value = "critical" }).Rule;

        var (muted, _) = SilenceMutes.Of(rule, checks, "dc1", During);

        muted.ShouldHaveSingleItem().CheckId.ShouldBe("service:api");
    }

    [Fact]
    public void Of_PendingOrExpired_MutesNothing()
    {
        var checks = new FakeCheckView();
        checks.Add("web-1", "api", "service:api", "critical", "critical");
        var rule = SilenceSamples.Stored("a", 1).Rule;

        SilenceMutes.Of(rule, checks, "dc1", SilenceSamples.Start.AddMinutes(-1)).Count.ShouldBe(0);
        SilenceMutes.Of(rule, checks, "dc1", SilenceSamples.Start.AddHours(1)).Count.ShouldBe(0);
        SilenceMutes.Of(rule, checks, "dc1", During).Count.ShouldBe(1);
    }

    [Fact]
    public void Of_ManyMuted_ListCappedCountComplete()
    {
        var checks = new FakeCheckView();
        for (var i = 0; i < SilenceMutes.MaxListed + 10; i++)
        {
            checks.Add("web-1", "", $"c{i:D4}", "critical", "critical");
        }

        var (muted, count) = SilenceMutes.Of(SilenceSamples.Stored("a", 1).Rule, checks, "dc1", During);

        muted.Count.ShouldBe(SilenceMutes.MaxListed);
        count.ShouldBe(SilenceMutes.MaxListed + 10);
    }
}
