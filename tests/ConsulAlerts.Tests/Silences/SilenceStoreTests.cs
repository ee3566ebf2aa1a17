using ConsulAlerts.Silences;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceStoreTests
{
    [Fact]
    public void Publish_Read_SwapsWholeAndRaisesChanged()
    {
        using var store = new SilenceStore();
        var changed = 0;
        store.Changed += () => changed++;
        var before = store.Silences;

        store.Publish([SilenceSamples.Stored("b", 5), SilenceSamples.Stored("a", 4)], 5);

        store.Loaded.ShouldBeTrue();
        changed.ShouldBe(1);
        before.ShouldBeEmpty("a reader's list is never changed under it");
        store.All.Select(s => s.Id).ShouldBe([SilenceSamples.IdOf("a"), SilenceSamples.IdOf("b")]);
        store.Silences.Select(r => r.Id).ShouldBe([SilenceSamples.IdOf("a"), SilenceSamples.IdOf("b")]);
        store.TryGet(SilenceSamples.IdOf("a"), out var a).ShouldBeTrue();
        a.ModifyIndex.ShouldBe(4ul);
    }

    [Fact]
    public void Observe_WriteNewerThanTheRead_ShownUntilAReadIncludesIt()
    {
        using var store = new SilenceStore();
        store.Publish([], 10);

        store.Observe(SilenceSamples.Stored("a", 11));
        store.TryGet(SilenceSamples.IdOf("a"), out _).ShouldBeTrue();

        // A read issued before the write, answered after it: the write stays shown.
        store.Publish([], 10);
        store.TryGet(SilenceSamples.IdOf("a"), out _).ShouldBeTrue();

        // A read at the write's index without it: deleted since, so gone.
        store.Publish([], 11);
        store.TryGet(SilenceSamples.IdOf("a"), out _).ShouldBeFalse();
    }

    [Fact]
    public void Observe_OlderThanTheRead_Ignored()
    {
        using var store = new SilenceStore();
        store.Publish([SilenceSamples.Stored("a", 12)], 12);

        store.Observe(SilenceSamples.Stored("a", 11) is var old ? old with { Silence = old.Silence with { Comment = "old" } } : null!);

        store.TryGet(SilenceSamples.IdOf("a"), out var a).ShouldBeTrue();
        a.ModifyIndex.ShouldBe(12ul);
    }

    [Fact]
    public void Changed_SilenceStartsAndEndsByTheClock_RaisedAtEachAndNoTimerLeft()
    {
        var time = new TrackedTimeProvider(SilenceSamples.Start.AddMinutes(-10));
        using var store = new SilenceStore(time);
        var changed = 0;
        store.Changed += () => changed++;

        store.Publish([SilenceSamples.Stored("a", 1)], 1);
        changed.ShouldBe(1);
        time.NextDueAt.ShouldBe(SilenceSamples.Start);

        time.Advance(TimeSpan.FromMinutes(10));
        changed.ShouldBe(2, "it started");
        time.NextDueAt.ShouldBe(SilenceSamples.Start.AddHours(1));

        time.Advance(TimeSpan.FromHours(1));
        changed.ShouldBe(3, "it ended");
        time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public void Changed_BoundaryFarAway_ArmedInStepsAndRaisedOnlyAtIt()
    {
        var time = new TrackedTimeProvider(SilenceSamples.Start);
        using var store = new SilenceStore(time);
        var changed = 0;
        store.Changed += () => changed++;
        var far = SilenceSamples.Stored("a", 1);
        far = far with { Silence = far.Silence with { EndsAt = SilenceSamples.Start.AddDays(30) }, Rule = far.Rule with { EndsAt = SilenceSamples.Start.AddDays(30) } };

        store.Publish([far], 1);
        time.Advance(TimeSpan.FromDays(7));
        time.Advance(TimeSpan.FromDays(7));

        changed.ShouldBe(1, "only the publish: no boundary passed yet");
        time.PendingTimers.ShouldBe(1);
        time.Advance(TimeSpan.FromDays(16));
        changed.ShouldBe(2);
    }
}
