namespace ConsulAlerts.Tests.Testing;

public sealed class FakeTimeProviderTests
{
    [Fact]
    public async Task Delay_AdvancedPastDue_Completes()
    {
        var time = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(4));
        delay.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        delay.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void PeriodicTimer_AdvancedThreePeriods_FiresThreeTimes()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3.5));

        fired.ShouldBe(3);
    }
}
