using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Notifications;

public sealed class DeliveryHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_RetriedThenDelivered_UpdatesOneEntry()
    {
        var history = new DeliveryHistory();
        var delivery = Delivery("slack", "web", "db");

        history.Record(delivery, DeliveryHistoryOutcome.Retrying, "HTTP 503", 1, T0);
        history.Snapshot().Single().Outcome.ShouldBe(DeliveryHistoryOutcome.Retrying);
        history.Record(delivery, DeliveryHistoryOutcome.Delivered, null, 2, T0.AddSeconds(5));

        var entry = history.Snapshot().ShouldHaveSingleItem();
        entry.ShouldBe(entry with { At = T0.AddSeconds(5), Notifier = "slack", MessageCount = 2, Outcome = DeliveryHistoryOutcome.Delivered, Attempts = 2, Error = null });
        entry.Checks.Select(c => c.CheckId).ShouldBe(["web", "db"]);
        entry.Checks[0].ShouldBe(new DeliveredCheck("n1", "web", "web check", "critical"));
    }

    [Fact]
    public void Record_MoreThanKept_DropsOldestOfThatNotifierOnly()
    {
        var history = new DeliveryHistory();
        history.Record(Delivery("email", "other"), DeliveryHistoryOutcome.Failed, "timed out", 3, T0);
        for (int i = 0; i < DeliveryHistory.PerNotifier + 5; i++)
        {
            history.Record(Delivery("log", $"c{i}"), DeliveryHistoryOutcome.Delivered, null, 1, T0.AddSeconds(i));
        }

        var snapshot = history.Snapshot();
        snapshot.Count(d => d.Notifier == "log").ShouldBe(DeliveryHistory.PerNotifier);
        snapshot.First(d => d.Notifier == "log").Checks[0].CheckId.ShouldBe($"c{DeliveryHistory.PerNotifier + 4}");
        snapshot.Single(d => d.Notifier == "email").Error.ShouldBe("timed out");
    }

    [Fact]
    public void Record_BigBatch_NamesOnlyTheFirstChecks()
    {
        var history = new DeliveryHistory();
        var ids = Enumerable.Range(0, DeliveryHistory.ChecksPerEntry + 3).Select(i => $"c{i}").ToArray();

        history.Record(Delivery("log", ids), DeliveryHistoryOutcome.Delivered, null, 1, T0);

        var entry = history.Snapshot().Single();
        entry.MessageCount.ShouldBe(ids.Length);
        entry.Checks.Count.ShouldBe(DeliveryHistory.ChecksPerEntry);
    }

    [Fact]
    public async Task RetryStage_FailsThenSucceeds_HistoryOfItsStatsShowsDeliveredAfterTwoAttempts()
    {
        var stats = new NotificationStats();
        int calls = 0;
        var notifier = new FakeNotifier("log", (_, _, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? NotifyResult.Failed("HTTP 503", retryable: true) : NotifyResult.Ok));
        var stage = new RetryStage(stats, TimeProvider.System, NullLogger.Instance, () => 0);
        var policy = new RetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));

        var outcome = await stage.RunAsync(notifier, Delivery("log", "web") with { Created = DateTimeOffset.UtcNow }, Settings, policy, TimeSpan.FromSeconds(5), CancellationToken.None, CancellationToken.None);

        outcome.ShouldBe(DeliveryOutcome.Delivered);
        var entry = DeliveryHistory.Of(stats).Snapshot().ShouldHaveSingleItem();
        (entry.Outcome, entry.Attempts, entry.Error).ShouldBe((DeliveryHistoryOutcome.Delivered, 2, (string?)null));
    }

    [Fact]
    public async Task RetryStage_NotRetryable_HistoryShowsFailedWithError()
    {
        var stats = new NotificationStats();
        var notifier = new FakeNotifier("log", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 400", retryable: false)));
        var stage = new RetryStage(stats, TimeProvider.System, NullLogger.Instance, () => 0);

        await stage.RunAsync(notifier, Delivery("log", "web") with { Created = DateTimeOffset.UtcNow }, Settings, RetryPolicy.Default, TimeSpan.FromSeconds(5), CancellationToken.None, CancellationToken.None);

        var entry = DeliveryHistory.Of(stats).Snapshot().ShouldHaveSingleItem();
        (entry.Outcome, entry.Attempts, entry.Error).ShouldBe((DeliveryHistoryOutcome.Failed, 1, "HTTP 400"));
    }

    [Fact]
    public void Of_SameStats_SameHistory()
    {
        var stats = new NotificationStats();

        DeliveryHistory.Of(stats).ShouldBeSameAs(DeliveryHistory.Of(stats));
        DeliveryHistory.Of(new NotificationStats()).ShouldNotBeSameAs(DeliveryHistory.Of(stats));
    }

    /// <summary>No live configuration: each delivery keeps the settings it was decided with.</summary>
    private static DeliverySettings Settings { get; } = new(null);

    private static NotificationDelivery Delivery(string instance, params string[] checkIds) =>
        new(instance, instance, NotifierConfig.Defaults["log"], [.. checkIds.Select(id => new Message { Node = "n1", CheckId = id, Check = id + " check", Status = "critical" })]);
}
