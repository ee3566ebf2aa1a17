using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>Entry point of the command line: parses arguments and runs the chosen command.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var arguments = ArgumentParser.Parse(args);
            switch (arguments.Command)
            {
                case CommandKind.Help:
                    await context.Stdout.WriteLineAsync(Usage.Full);
                    return ExitCodes.Success;
                case CommandKind.Version:
                    await context.Stdout.WriteLineAsync($"{ProductInfo.Name} {ProductInfo.Version}");
                    return ExitCodes.Success;
                case CommandKind.Start:
                    return await StartCommand.RunAsync(arguments, context);
                case CommandKind.Watch:
                    return await WatchCommand.RunAsync(arguments, context);
                case CommandKind.DevAgent:
                    return await DevAgentCommand.RunAsync(arguments, context);
                case CommandKind.Dev:
                    return await DevCommand.RunAsync(arguments, context);
                case CommandKind.Config:
                    return await ConfigCommand.RunAsync(arguments, context);
                case CommandKind.HealthCheck:
                    return await HealthCheckCommand.RunAsync(arguments, context);
                case CommandKind.Silence:
                    return await SilenceCommand.RunAsync(arguments, context);
                default:
                    throw new CommandLineException($"unknown command {arguments.Command}");
            }
        }
        catch (CommandLineException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: {ex.Message}");
            if (ex.ShowUsage)
            {
                await context.Stderr.WriteLineAsync();
                await context.Stderr.WriteLineAsync(Usage.Synopsis);
                await context.Stderr.WriteLineAsync("Run 'consul-alerts --help' for options, environment variables and exit codes.");
            }

            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (context.Shutdown.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
#pragma warning disable CA1031 // Last resort: a bug must still end in a readable message and a documented code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: unexpected error: {ex}");
            return ExitCodes.Software;
        }
    }
}
