namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

public sealed class NemesisJudgeTests
{
    private const double End = 100;

    private static readonly NemesisJudge Judge = new(TimeSpan.FromSeconds(2));

    private static readonly DaemonSample[] LeaderA = [.. Enumerable.Range(0, 200).Select(i => new DaemonSample(i * 0.5, 0, 100, "leader", "s-a"))];

    [Fact]
    public void Judge_ConfirmedChangeNeverNotified_ReportsItLost()
    {
        var report = Judge.Judge([Hold("critical", 10, 30)], [], [], LeaderA, End);

        report.Changes.ShouldBe(1);
        report.Lost.Count.ShouldBe(1);
        report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Judge_ChangeNotifiedOnce_Passes()
    {
        var report = Judge.Judge([Hold("critical", 10, 30), Hold("passing", 30, End)], [Sent(13, "critical"), Sent(33, "passing")], [], LeaderA, End);

        report.Changes.ShouldBe(2);
        report.Notifications.ShouldBe(2);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_BlipShorterThanTheThreshold_IsNoChange()
    {
        var report = Judge.Judge([Hold("critical", 10, 10.5), Hold("passing", 10.5, End)], [], [], LeaderA, End);

        report.Changes.ShouldBe(0);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_HoldSeenOnlyWhileNoLeader_IsNoChange()
    {
        var blind = new FaultRecord(1, "kill -9 daemon", "", 9, 12) { Recovered = 28, Blinds = true };

        var report = Judge.Judge([Hold("critical", 10, 25), Hold("passing", 25, End)], [], [blind], LeaderA, End);

        report.Changes.ShouldBe(0);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_HoldSeenWhileNoDaemonWasSampledLeading_IsNoChange()
    {
        DaemonSample[] samples = [.. LeaderA.Where(s => s.At < 9 || s.At > 24.5)];

        var report = Judge.Judge([Hold("critical", 10, 25), Hold("passing", 25, End)], [], [], samples, End);

        report.Changes.ShouldBe(0);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_SameStatusTwiceWithNoFaultBetween_IsDuplicateOutsideTheWindow()
    {
        var report = Judge.Judge([Hold("critical", 10, End)], [Sent(13, "critical"), Sent(20, "critical")], [], LeaderA, End);

        report.DuplicatesOutsideWindow.Count.ShouldBe(1);
        report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Judge_SameStatusTwiceAfterTheSenderWasKilledRightAfterTheFirst_IsInsideTheWindow()
    {
        var kill = new FaultRecord(1, "kill -9 daemon", "", 13.2, 15) { Recovered = 30, Blinds = true, VictimPid = 100 };
        DaemonSample[] samples = [.. LeaderA.Where(s => s.At < 13.2), .. Enumerable.Range(60, 140).Select(i => new DaemonSample(i * 0.5, 1, 200, "leader", "s-b"))];

        var report = Judge.Judge([Hold("critical", 10, End)], [Sent(13, "critical"), Sent(31, "critical", pid: 200)], [kill], samples, End);

        report.DuplicatesInWindow.Count.ShouldBe(1);
        report.DuplicatesOutsideWindow.ShouldBeEmpty();
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_FirstCopyReadJustAfterItsSenderWasPaused_IsInsideTheWindow()
    {
        // Seen in a run: the receiver read the request 66 ms after the SIGSTOP of the process that had sent it.
        var pause = new FaultRecord(1, "SIGSTOP leader", "", 12.934, 25) { Recovered = 30, Blinds = true, VictimPid = 100 };
        DaemonSample[] samples = [.. LeaderA.Where(s => s.At < 12.9), .. Enumerable.Range(34, 160).Select(i => new DaemonSample(i * 0.5, 1, 200, "leader", "s-b"))];

        var report = Judge.Judge([Hold("critical", 10, End)], [Sent(13, "critical"), Sent(18, "critical", pid: 200)], [pause], samples, End);

        report.DuplicatesInWindow.Count.ShouldBe(1);
        report.DuplicatesOutsideWindow.ShouldBeEmpty();
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Judge_OldLeaderSendingAfterTheNewOneBegan_IsALeaderViolation()
    {
        DaemonSample[] samples = [.. LeaderA, .. Enumerable.Range(40, 160).Select(i => new DaemonSample(i * 0.5, 1, 200, "leader", "s-b"))];

        var report = Judge.Judge(
            [Hold("critical", 10, 30), Hold("passing", 30, End)], [Sent(13, "critical"), Sent(33, "passing", pid: 200), Sent(34, "passing")], [], samples, End);

        report.LeaderViolations.ShouldHaveSingleItem().ShouldContain("two leaders sending");
        report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Judge_ConsulDownWithTooManyRequests_ReportsTheLoad()
    {
        var outage = new FaultRecord(1, "kill -9 and restart Consul", "", 50, 60) { Recovered = 62, ConsulOutage = true, Load = [new DaemonLoad(0, 10, 40, 0.1)] };

        var report = Judge.Judge([], [], [outage], LeaderA, End);

        report.LoadViolations.ShouldHaveSingleItem();
        report.Passed.ShouldBeFalse();
    }

    private static CheckHold Hold(string status, double from, double to) => new("flap-0", status, from, to, 0);

    private static SentNotification Sent(double at, string status, int pid = 100) => new(at, "flap-0", status, Accepted: true, pid);
}
