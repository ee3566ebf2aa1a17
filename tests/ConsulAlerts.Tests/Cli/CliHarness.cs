using System.Text;
using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

/// <summary>Runs the command line in-process with captured output.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly StringWriter _log = new();

    public CliHarness(IReadOnlyDictionary<string, string>? environment = null, string stdin = "")
    {
        Context = new CliContext(
            new MemoryStream(Encoding.UTF8.GetBytes(stdin)),
            TextWriter.Synchronized(_stdout),
            TextWriter.Synchronized(_stderr),
            new FakeEnvironment(environment))
        {
            LogOutput = TextWriter.Synchronized(_log),
        };
    }

    public CliContext Context { get; set; }

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    public string Log => _log.ToString();

    public Task<int> RunAsync(params string[] args) => CommandLine.RunAsync(args, Context);

    /// <summary>The port a daemon this harness runs on <c>--alert-addr=127.0.0.1:0</c> reports in its log.</summary>
    public Task<int> BoundPortAsync(Task running) => TestNetwork.WaitForBoundPortAsync(() => Log, running);

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _log.Dispose();
    }
}
