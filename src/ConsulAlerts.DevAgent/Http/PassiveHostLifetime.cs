using Microsoft.Extensions.Hosting;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: the agent is embedded in tests and in the CLI, which own the
/// process's signals and stop the agent by disposing it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
