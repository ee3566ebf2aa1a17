using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Outbox;

public sealed class OutboxBatchesTests
{
    [Fact]
    public void Finish_LastEntriesOfTheirBatches_AddsEachCommitRecordOnce()
    {
        var batches = new OutboxBatches();
        var a0 = Recorded("a", 0);
        var a1 = Recorded("a", 1);
        var b0 = Recorded("b", 0);
        batches.Add([a0, a1, b0]);

        batches.Finish([a0]).ShouldBe([a0.OutboxId!]);
        batches.Finish([a1, b0]).ShouldBe([a1.OutboxId!, OutboxKeys.Commit("a"), b0.OutboxId!, OutboxKeys.Commit("b")]);
    }

    [Fact]
    public void Finish_UnrecordedOrUncountedDeliveries_OnlyTheirEntries()
    {
        var batches = new OutboxBatches();
        var uncounted = Recorded("a", 0);

        batches.Finish([Unrecorded(), uncounted]).ShouldBe([uncounted.OutboxId!]);
    }

    [Fact]
    public void Clear_ThenFinish_NoCommitRecord()
    {
        var batches = new OutboxBatches();
        var a0 = Recorded("a", 0);
        batches.Add([a0]);

        batches.Clear();

        batches.Finish([a0]).ShouldBe([a0.OutboxId!]);
    }

    private static NotificationDelivery Unrecorded() => new("log", "log", new NotifierConfig("log"), [Messages.Critical()]);

    private static NotificationDelivery Recorded(string batch, int n) => Unrecorded() with { OutboxId = OutboxKeys.Entry(batch, n) };
}
