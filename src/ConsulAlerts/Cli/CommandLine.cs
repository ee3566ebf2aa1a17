namespace ConsulAlerts.Cli;

/// <summary>Entry point of the command line: parses arguments and runs the chosen command.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        await Task.CompletedTask;
        _ = args;
        _ = stdin;
        _ = stderr;
        await stdout.WriteLineAsync("consul-alerts");
        return 0;
    }
}
