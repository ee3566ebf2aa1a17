using ConsulAlerts.Hosting;

namespace ConsulAlerts.Tests.Hosting;

public sealed class ShutdownSignalTests
{
    [Fact]
    public async Task WaitAsync_TokenCancelled_Completes()
    {
        using var stop = new CancellationTokenSource();

        var waiting = ShutdownSignal.WaitAsync(stop.Token);
        waiting.IsCompleted.ShouldBeFalse();
        await stop.CancelAsync();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        waiting.IsCompletedSuccessfully.ShouldBeTrue();
    }
}
