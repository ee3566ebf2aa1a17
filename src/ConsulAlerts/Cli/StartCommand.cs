using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary><c>consul-alerts start</c>: runs the daemon until SIGINT/SIGTERM.</summary>
internal static class StartCommand
{
    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        var options = StartOptionsBuilder.Build(arguments, context.Environment);
        var address = ListenAddress.Parse(options.AlertAddress, allowAnyPort: true);

        if (await RunningDaemonProbe.FindOccupantAsync(address, context.Shutdown) is { } occupant)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: {occupant}");
            return ExitCodes.Failure;
        }

        await using var app = DaemonHost.Build(options, context.LogOutput);
        try
        {
            await DaemonHost.RunAsync(app, context.Shutdown);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            // Lost a race with another process for the address, or the address is not local or does not resolve.
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot listen on {address}: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (context.Shutdown.IsCancellationRequested)
        {
            // Stopped while starting: a clean shutdown.
        }

        return ExitCodes.Success;
    }
}
