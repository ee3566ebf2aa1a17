using System.Globalization;
using System.Net;
using System.Text;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// One daemon slot of a <see cref="ClusterHarness"/>: started, stopped, killed and restarted as a real process, with
/// every run's output kept so a failure shows what each process did.
/// </summary>
internal sealed class ClusterDaemon(int index, string[] arguments) : IDisposable
{
    private const int OutputTailChars = 6000;

    private readonly List<(DaemonProcess Process, int? Port, DateTime Started)> _runs = [];

    public int Index { get; } = index;

    /// <summary>Whether the test means this daemon to be running; one that exits meanwhile broke the test.</summary>
    public bool ShouldRun { get; private set; }

    public bool IsRunning => Current is { } current && !current.Process.Exited.IsCompleted;

    /// <summary>The current (or last) run's API port, which it was given for port 0.</summary>
    public int AlertPort => Current?.Port ?? throw new InvalidOperationException($"daemon {Index} never started or reported no port");

    public DaemonProcess Process => Current?.Process ?? throw new InvalidOperationException($"daemon {Index} never started");

    public int Runs => _runs.Count;

    /// <summary>The process ID of every run so far, oldest first.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _runs.Select(r => r.Process.Id)];

    private (DaemonProcess Process, int? Port, DateTime Started)? Current => _runs.Count == 0 ? null : _runs[^1];

    /// <summary>Starts a new process on port 0 and waits until it reports the port it was given and serves its API there.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"daemon {Index} is already running");
        }

        // Port 0: each run is given a fresh port, and none is picked and released for it.
        var process = new DaemonProcess(arguments);
        _runs.Add((process, null, DateTime.UtcNow));
        ShouldRun = true;
        try
        {
            int port = await process.BoundPortAsync();
            _runs[^1] = _runs[^1] with { Port = port };
            (await TestNetwork.WaitForInfoAsync(port, process.Exited)).Dispose();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"daemon {Index} did not start: {ex.Message}\n{Describe()}", ex);
        }
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        ShouldRun = false;
        var process = Process;
        if (process.Exited.IsCompleted)
        {
            return process.ExitCode ?? -1;
        }

        await process.SignalAsync("TERM");
        return await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILL: no release, no session destroy; Consul has to notice by the session TTL.</summary>
    public async Task KillAsync()
    {
        ShouldRun = false;
        var process = Process;
        process.KillHard();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The daemon's <c>/v1/status</c>, or null when it is not running or does not answer 200 with JSON.</summary>
    public async Task<DaemonStatus?> StatusAsync(HttpClient client)
    {
        var (status, _) = await ReadStatusAsync(client);
        return status;
    }

    /// <summary>The status, or what went wrong reading it, for failure messages.</summary>
    public async Task<(DaemonStatus? Status, string Text)> ReadStatusAsync(HttpClient client)
    {
        if (!IsRunning)
        {
            return (null, $"not running (exit code {Current?.Process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"})");
        }

        if (Current?.Port is null)
        {
            return (null, "starting: no port reported yet");
        }

        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{AlertPort}/v1/status"));
            string body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"{(int)response.StatusCode} {body}");
            }

            return (DaemonStatus.Parse(body), body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Every run: pid, port, start, exit code and output (the tail of earlier runs).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _runs.Count; i++)
        {
            var run = _runs[i];
            string output = run.Process.Output;
            bool last = i == _runs.Count - 1;
            if (!last && output.Length > OutputTailChars)
            {
                output = "..." + output[^OutputTailChars..];
            }

            text.Append(CultureInfo.InvariantCulture,
                $"----- daemon {Index} run {i + 1}: pid {run.Process.Id}, 127.0.0.1:{run.Port?.ToString(CultureInfo.InvariantCulture) ?? "-"}, started {run.Started:HH:mm:ss.fff}, exit code {run.Process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "(running)"}\n");
            text.Append(output);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            run.Process.Dispose();
        }
    }
}
