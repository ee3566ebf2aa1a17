using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// A genuine Consul agent as a child process on loopback ports: dev mode or a server with a data directory, with extra
/// arguments or a config file (ACLs, datacenter, joins). It can be stopped (SIGTERM), killed (SIGKILL), started again
/// on the same ports (a dev agent comes back empty, so every index goes back), and frozen and thawed (SIGSTOP/SIGCONT).
/// </summary>
public sealed class RealConsulAgent : IAsyncDisposable
{
    private const int OutputLimit = 256 * 1024;

    private readonly string _binary;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _probe = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;
    private bool _paused;

    private RealConsulAgent(string binary, RealConsulAgentOptions options)
    {
        _binary = binary;
        Options = options;
        HttpPort = LoopbackPorts.Next();
        ServerPort = LoopbackPorts.Next();
        SerfLanPort = LoopbackPorts.Next();
        SerfWanPort = LoopbackPorts.Next();
        _directory = Directory.CreateTempSubdirectory("consul-alerts-agent-").FullName;
    }

    public RealConsulAgentOptions Options { get; }

    public string NodeName => Options.NodeName;

    public string Datacenter => Options.Datacenter;

    public int HttpPort { get; }

    public int ServerPort { get; }

    public int SerfLanPort { get; }

    public int SerfWanPort { get; }

    /// <summary>Base address of the HTTP API, e.g. <c>http://127.0.0.1:38500/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary><c>127.0.0.1:port</c> of the HTTP API, as <c>--consul-addr</c> takes it.</summary>
    public string HttpAddress => $"127.0.0.1:{HttpPort}";

    /// <summary>What other agents pass to <see cref="RealConsulAgentOptions.RetryJoin"/> to join this one.</summary>
    public string SerfLanAddress => $"127.0.0.1:{SerfLanPort}";

    /// <summary>What servers of other datacenters pass to <see cref="RealConsulAgentOptions.RetryJoinWan"/>.</summary>
    public string SerfWanAddress => $"127.0.0.1:{SerfWanPort}";

    /// <summary>The agent's process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The agent's log so far (every run; the oldest part is dropped past 256 KiB).</summary>
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

    /// <summary>Starts an agent from <paramref name="binary"/> (default <see cref="ConsulBinary.Path"/>) and waits for it.</summary>
    public static async Task<RealConsulAgent> StartAsync(RealConsulAgentOptions? options = null, string? binary = null, CancellationToken cancellationToken = default)
    {
        binary ??= ConsulBinary.Path ?? throw new InvalidOperationException(ConsulBinary.MissingReason);
        options ??= new RealConsulAgentOptions();
        for (var attempt = 1; ; attempt++)
        {
            var agent = new RealConsulAgent(binary, options);
            try
            {
                await agent.StartAgainAsync(cancellationToken);
                return agent;
            }
            catch (Exception) when (attempt < MaxPortAttempts && agent.LostAPort)
            {
                // A port free when chosen was taken before the agent bound it (an outgoing connection's ephemeral
                // port, from the same range): start afresh on other ports.
                await agent.DisposeAsync();
            }
            catch
            {
                await agent.DisposeAsync();
                throw;
            }
        }
    }

    private const int MaxPortAttempts = 3;

    /// <summary>Whether the agent exited because one of its ports was taken meanwhile.</summary>
    private bool LostAPort => !IsRunning && Output.Contains("address already in use", StringComparison.Ordinal);

    /// <summary>Starts the process (again) on the same ports and waits as the options say.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"agent {NodeName} is already running");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        // A developer's CONSUL_HTTP_TOKEN or CONSUL_HTTP_ADDR must not leak into the agent.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CONSUL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Append($"===== start {Starts + 1}: {_binary} {string.Join(' ', start.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;
        _paused = false;
        Starts++;
        if (Options.WaitForLeader)
        {
            await WaitForLeaderAsync(Options.StartTimeout, cancellationToken);
        }
        else
        {
            await WaitForHttpAsync(Options.StartTimeout, cancellationToken);
        }
    }

    /// <summary>SIGTERM and wait for the exit (SIGKILL after <paramref name="patience"/>); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? patience = null)
    {
        if (_process is not { } process || process.HasExited)
        {
            return _process?.ExitCode ?? 0;
        }

        if (_paused)
        {
            await ResumeAsync();
        }

        await ProcessSignals.SendAsync(RunningProcessId, "TERM");
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL: no leave, no clean-up, as after a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Stops and starts again on the same ports; a dev agent comes back with no data and low indexes.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>SIGSTOP: the agent keeps its sockets but answers nothing, like a hung or partitioned agent.</summary>
    public async Task PauseAsync()
    {
        await ProcessSignals.StopAsync(RunningProcessId);
        _paused = true;
    }

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public async Task ResumeAsync()
    {
        await ProcessSignals.ContinueAsync(RunningProcessId);
        _paused = false;
    }

    /// <summary>Waits until <c>/v1/status/leader</c> names a leader and this node is in the catalog.</summary>
    public async Task WaitForLeaderAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await WaitUntilAsync(
            async () => await LeaderAsync() is { Length: > 0 } && await NodeRegisteredAsync(),
            "a leader and its node in the catalog",
            timeout ?? Options.StartTimeout,
            cancellationToken);
    }

    /// <summary>The leader's address from <c>/v1/status/leader</c>; empty when there is none, null when unreachable.</summary>
    public async Task<string?> LeaderAsync()
    {
        try
        {
            using var response = await _probe.GetAsync(new Uri(Address, "v1/status/leader"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            return JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()) ?? string.Empty;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _probe.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temporary folder eventually.
        }
    }

    private List<string> Arguments()
    {
        var arguments = new List<string> { "agent" };
        if (Options.Dev)
        {
            arguments.Add("-dev");
        }
        else
        {
            var data = Path.Combine(_directory, "data");
            Directory.CreateDirectory(data);
            // Elections as fast as dev mode's: the default multiplier of 5 is for production hardware.
            var defaults = Path.Combine(_directory, "test-defaults.json");
            File.WriteAllText(defaults, """{"performance":{"raft_multiplier":1}}""");
            arguments.AddRange(["-server", "-data-dir", data, "-bootstrap-expect", Options.BootstrapExpect.ToString(CultureInfo.InvariantCulture), "-config-file", defaults]);
        }

        arguments.AddRange(
        [
            "-bind", "127.0.0.1", "-client", "127.0.0.1", "-node", NodeName, "-datacenter", Datacenter,
            "-http-port", Port(HttpPort), "-server-port", Port(ServerPort), "-serf-lan-port", Port(SerfLanPort),
            "-serf-wan-port", Port(SerfWanPort), "-dns-port", "-1", "-grpc-port", "-1",
        ]);
        foreach (var join in Options.RetryJoin)
        {
            arguments.AddRange(["-retry-join", join, "-retry-interval", "1s"]);
        }

        foreach (var join in Options.RetryJoinWan)
        {
            arguments.AddRange(["-retry-join-wan", join, "-retry-interval-wan", "1s"]);
        }

        if (Options.ConfigJson is { } config)
        {
            var file = Path.Combine(_directory, "agent.json");
            File.WriteAllText(file, config);
            arguments.AddRange(["-config-file", file]);
        }

        arguments.AddRange(Options.ExtraArguments);
        return arguments;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> NodeRegisteredAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, $"v1/catalog/node/{Uri.EscapeDataString(NodeName)}"));
            if (Options.Token is { } token)
            {
                request.Headers.Add("X-Consul-Token", token);
            }

            using var response = await _probe.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Trim() is not ("null" or "");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private Task WaitForHttpAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(async () => await LeaderAsync() is not null, "the HTTP API", timeout, cancellationToken);

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"agent {NodeName} exited (code {_process?.ExitCode}) while waiting for {what}\n{Output}");
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"agent {NodeName} gave no {what} within {timeout.TotalSeconds:0} s\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private int RunningProcessId => ProcessId ?? throw new InvalidOperationException($"agent {NodeName} is not running");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > OutputLimit)
            {
                _output.Remove(0, _output.Length - (OutputLimit / 2));
            }
        }
    }
}
