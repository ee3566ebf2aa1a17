using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications;

public sealed class NotificationStatsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_SuccessesAndFailures_CountsMessagesAndKeepsTheLastError()
    {
        var stats = new NotificationStats();

        stats.Record("slack", 3, NotifyResult.Ok, At);
        stats.Record("slack", 2, NotifyResult.Failed("HTTP 500", retryable: true), At.AddMinutes(1));
        stats.Record("slack", 1, NotifyResult.Ok, At.AddMinutes(2));
        stats.Record("log", 1, NotifyResult.Ok, At);

        stats.Snapshot().ShouldBe(
        [
            new NotifierStats("log", 1, 0, null, null, At),
            new NotifierStats("slack", 4, 2, "HTTP 500", At.AddMinutes(1), At.AddMinutes(2)),
        ]);
    }
}
