using ConsulAlerts.Demo;

namespace ConsulAlerts.Tests.Demo;

public sealed class DemoCheckTests
{
    private static readonly DemoCheck Check = new(
        "svc", "svc-check", "Svc", TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), "critical", "bad", "good");

    [Theory]
    [InlineData(0, "passing")]
    [InlineData(9.9, "passing")]
    [InlineData(10, "critical")]
    [InlineData(19.9, "critical")]
    [InlineData(20, "passing")]
    [InlineData(50, "critical")]
    [InlineData(4010, "critical")]
    public void StatusAt_Schedule_RepeatsEveryPeriod(double seconds, string expected) =>
        Check.StatusAt(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void OutputFor_Status_MatchesSchedule()
    {
        Check.OutputFor("passing").ShouldBe("good");
        Check.OutputFor("critical").ShouldBe("bad");
    }

    [Fact]
    public void DemoSetup_FirstCheckFailsAtStart_SoTheFirstNotificationComesAfterOneThreshold() =>
        DemoSetup.Checks.ShouldContain(c => c.StatusAt(TimeSpan.Zero) != "passing");

    [Fact]
    public void DemoSetup_ShortBlip_ShorterThanThresholdSoNeverNotified() =>
        DemoSetup.Checks.ShouldContain(c => c.BadUntil - c.BadFrom < TimeSpan.FromSeconds(DemoSetup.ChangeThresholdSeconds));
}
