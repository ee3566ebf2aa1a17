using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications;

public sealed class NotificationStatsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_DeliveriesRetriesAndGivingUp_CountsMessagesAndKeepsTheLastError()
    {
        var stats = new NotificationStats();

        stats.RecordDelivered("slack", 3, At);
        stats.RecordFailedAttempt("slack", 2, "HTTP 500", At.AddMinutes(1), willRetry: true);
        stats.RecordFailedAttempt("slack", 2, "HTTP 400", At.AddMinutes(2), willRetry: false);
        stats.RecordDelivered("log", 1, At);

        stats.Snapshot().ShouldBe(
        [
            new NotifierStats("log", 1, 0, 0, 0, 0, null, null, At),
            new NotifierStats("slack", 3, 2, 2, 0, 2, "HTTP 400", At.AddMinutes(2), At),
        ]);
    }

    [Fact]
    public void RecordDelivered_AfterFailures_ResetsConsecutiveFailuresOnly()
    {
        var stats = new NotificationStats();
        stats.RecordFailedAttempt("slack", 1, "HTTP 503", At, willRetry: true);
        stats.RecordFailedAttempt("slack", 1, "HTTP 503", At, willRetry: true);

        stats.RecordDelivered("slack", 1, At.AddMinutes(1));

        var slack = stats.Get("slack").ShouldNotBeNull();
        (slack.ConsecutiveFailures, slack.Retried, slack.Sent, slack.LastError).ShouldBe((0, 2L, 1L, "HTTP 503"));
    }

    [Fact]
    public void RecordDropped_CountsFailedWithoutAnAttempt()
    {
        var stats = new NotificationStats();

        stats.RecordDropped("email", 4, "queue full", At);
        stats.SetQueued("email", 7);

        stats.Get("email").ShouldBe(new NotifierStats("email", 0, 4, 0, 7, 0, "queue full", At, null));
    }
}
