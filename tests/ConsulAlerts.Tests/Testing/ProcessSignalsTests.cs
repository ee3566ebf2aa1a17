using System.Diagnostics;

namespace ConsulAlerts.Tests.Testing;

public sealed class ProcessSignalsTests
{
    [SkippableFact]
    public async Task StopAsync_Child_ReturnsOnlyOnceEveryThreadIsStopped()
    {
        Skip.IfNot(Directory.Exists("/proc/self/task"), "needs /proc");
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            await ProcessSignals.StopAsync(child.Id);
            ProcessSignals.AllThreadsStopped(child.Id).ShouldBeTrue();

            await ProcessSignals.ContinueAsync(child.Id);
            ProcessSignals.AllThreadsStopped(child.Id).ShouldBeFalse();
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public void AllThreadsStopped_NoSuchProcess_IsFalse()
    {
        ProcessSignals.AllThreadsStopped(int.MaxValue).ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_NoSuchProcess_Throws()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => ProcessSignals.SendAsync(int.MaxValue, "CONT"));
    }
}
