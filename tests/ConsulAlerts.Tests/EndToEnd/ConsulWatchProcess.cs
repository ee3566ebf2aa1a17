using System.Diagnostics;
using System.Text;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The real <c>consul watch</c> command running a handler, as the Go daemon's users have it in their service
/// definitions: <c>consul watch -type checks consul-alerts watch checks --alert-addr=...</c>.
/// </summary>
internal sealed class ConsulWatchProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ConsulWatchProcess(Uri agent, IEnumerable<string> watchArguments, string handler)
    {
        var start = new ProcessStartInfo(ConsulBinary.Path ?? throw new InvalidOperationException(ConsulBinary.MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("watch");
        start.ArgumentList.Add($"-http-addr={agent.Host}:{agent.Port}");
        foreach (var argument in watchArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(handler);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CONSUL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    /// <summary>A handler that exits non-zero stops <c>consul watch</c>: so a running watch means every call succeeded.</summary>
    public bool IsRunning => !_process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
