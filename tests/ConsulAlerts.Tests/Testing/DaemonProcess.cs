using System.Diagnostics;
using System.Text;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// The built <c>consul-alerts</c> run as a real process (<c>dotnet consul-alerts.dll ...</c>, or a native executable when
/// one is given), with its output captured and no <c>CONSUL_*</c> variables inherited from the machine running the tests.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    /// <param name="args">The command line.</param>
    /// <param name="environment">Variables set for the process.</param>
    /// <param name="executable">A native <c>consul-alerts</c> to run; null runs the JIT build beside the tests.</param>
    public DaemonProcess(string[] args, IReadOnlyDictionary<string, string>? environment = null, string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consul-alerts.dll"));
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not pick up a developer's or CI's Consul settings.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("CONSUL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
        Exited = _process.WaitForExitAsync();
    }

    public Task Exited { get; }

    public int Id => _process.Id;

    /// <summary>The exit code, or null while running.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Output => Stdout + Stderr;

    /// <summary>Waits until a daemon started with <c>--alert-addr=127.0.0.1:0</c> reports the port it was given.</summary>
    public Task<int> BoundPortAsync() => Cli.TestNetwork.WaitForBoundPortAsync(() => Stderr, Exited);

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Exited.WaitAsync(timeout);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as after a crash or an OOM kill.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
