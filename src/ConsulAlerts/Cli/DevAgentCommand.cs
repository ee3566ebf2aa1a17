using System.Globalization;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary><c>consul-alerts dev-agent</c>: runs the in-memory Consul-compatible agent until SIGINT/SIGTERM.</summary>
internal static class DevAgentCommand
{
    public const int DefaultPort = 8500;

    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        int port = DefaultPort;
        if (arguments.Get("port") is { } portText
            && (!int.TryParse(portText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new CommandLineException($"invalid --port '{portText}': expected a number from 0 to 65535 (0 picks a free port)");
        }

        DevAgentServer agent;
        try
        {
            agent = await DevAgentServer.StartAsync(new DevAgentOptions { Port = port }, context.Shutdown);
        }
        catch (IOException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot start the dev agent on 127.0.0.1:{port}: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using (agent)
        {
            await context.Stdout.WriteLineAsync($"dev agent listening on {agent.Address}");
            await context.Stdout.FlushAsync();
            await ShutdownSignal.WaitAsync(context.Shutdown);
        }

        return ExitCodes.Success;
    }
}
