using System.Runtime.InteropServices;

namespace ConsulAlerts.Hosting;

/// <summary>Waits for SIGINT or SIGTERM, for commands that run without a host (the dev agent).</summary>
internal static class ShutdownSignal
{
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        using var cancelled = cancellationToken.Register(() => signalled.TrySetResult());
        await signalled.Task;

        void Handle(PosixSignalContext context)
        {
            // Cancel the default termination so the caller can shut down cleanly and exit 0.
            context.Cancel = true;
            signalled.TrySetResult();
        }
    }
}
