using BenchmarkDotNet.Running;
using ConsulAlerts.Benchmarks.Engine;

namespace ConsulAlerts.Benchmarks;

internal static class Program
{
    public static int Main(string[] args)
    {
        // `engine`, `requests` and `snapshot` are scenarios (dev agent process + the daemon's engine), not a BenchmarkDotNet benchmark.
        if (args.Length > 0 && args[0] == "engine")
        {
            return EngineScenario.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "snapshot")
        {
            return SnapshotPathScenario.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "requests")
        {
            return RequestScenario.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
