namespace ConsulAlerts.Tests.Testing;

public sealed class EventuallyTests
{
    [Fact]
    public async Task ShouldHoldAsync_ConditionBecomesTrue_Returns()
    {
        int polls = 0;

        await Eventually.ShouldHoldAsync(() => ++polls == 3, "the third poll");

        polls.ShouldBe(3);
    }

    [Fact]
    public async Task ShouldHoldAsync_NeverTrue_TimesOutNamingWhatAndDiagnostics()
    {
        var ex = await Should.ThrowAsync<TimeoutException>(() => Eventually.ShouldHoldAsync(
            () => false, "pigs fly", TimeSpan.FromMilliseconds(50), diagnostics: () => Task.FromResult("farm log")));

        ex.Message.ShouldContain("waiting until pigs fly");
        ex.Message.ShouldEndWith("\nfarm log");
    }

    [Fact]
    public async Task ShouldHoldAsync_Broken_FailsAtOnceWithTheReason()
    {
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => Eventually.ShouldHoldAsync(
            () => Task.FromResult(false), "the daemon answers", TimeSpan.FromMinutes(5), broken: () => "daemon 1 exited"));

        ex.Message.ShouldStartWith("daemon 1 exited while waiting until the daemon answers");
    }
}
