namespace ConsulAlerts.Tests.Testing;

public sealed class TrackedTimeProviderTests
{
    [Fact]
    public void GetUtcNow_New_IsTheDefaultStart()
    {
        new TrackedTimeProvider().GetUtcNow().ShouldBe(TrackedTimeProvider.DefaultStart);
    }

    [Fact]
    public async Task PendingTimers_DelayArmedThenDue_CountsItUntilItFires()
    {
        var time = new TrackedTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);

        time.PendingTimers.ShouldBe(1);
        time.NextDueAt.ShouldBe(TrackedTimeProvider.DefaultStart.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4));
        delay.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        time.PendingTimers.ShouldBe(0);
        time.NextDueAt.ShouldBeNull();
    }

    [Fact]
    public void PendingTimers_PeriodicTimer_StaysArmedForItsNextPeriod()
    {
        var time = new TrackedTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3.5));

        fired.ShouldBe(3);
        time.PendingTimers.ShouldBe(1);
        time.NextDueAt.ShouldBe(TrackedTimeProvider.DefaultStart.AddSeconds(4));
    }

    [Fact]
    public void PendingTimers_ChangedToInfiniteOrDisposed_NotCounted()
    {
        var time = new TrackedTimeProvider();
        using var disarmed = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var disposed = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        time.PendingTimers.ShouldBe(2);

        disarmed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        time.PendingTimers.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void CreateTimer_CallbackRearmsItself_StaysCountedFromTheTimeAdvancedTo()
    {
        var time = new TrackedTimeProvider();
        var seen = new List<DateTimeOffset>();
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            seen.Add(time.GetUtcNow());
            timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(25));

        // FakeTimeProvider moves to the target first, then fires what fell due: the callback sees the target time.
        seen.ShouldBe([TrackedTimeProvider.DefaultStart.AddSeconds(25)]);
        time.PendingTimers.ShouldBe(1);
        time.NextDueAt.ShouldBe(TrackedTimeProvider.DefaultStart.AddSeconds(35));
        timer.Dispose();
    }
}
