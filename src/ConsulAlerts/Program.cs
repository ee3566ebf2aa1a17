using ConsulAlerts.Cli;

namespace ConsulAlerts;

internal static class Program
{
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args, CliContext.ForProcess());
}
