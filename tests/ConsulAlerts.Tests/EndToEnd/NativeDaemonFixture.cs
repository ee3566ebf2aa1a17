using System.Globalization;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Docker;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The native binary (published once per test run, see <see cref="NativePublish"/>) running as the dev agent and as a
/// daemon against it, with the log, email (to aiosmtpd) and http-endpoint (to a loopback receiver, a Go template
/// payload) notifiers configured in KV and a TTL check <c>web-ttl</c> the daemon tracks. One of each for the whole class.
/// </summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class NativeDaemonFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string CheckId = "web-ttl";

    /// <summary>The http-endpoint payload: one Go template ranging over the nodes' messages, one reading the summary.</summary>
    public const string Payload = """
        {"text": "{{ range $name, $checks := .Nodes }}{{ range $checks }}{{ .Check }} is {{ .Status }};{{ end }}{{ end }}", "summary": "{{ .SystemStatus }} fail={{ .FailCount }} pass={{ .PassCount }}"}
        """;

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFiles _files = new(); // removed in DisposeAsync, which xunit calls for an IAsyncLifetime fixture
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _once = new(StringComparer.Ordinal);

    internal NativePublish Publish { get; private set; } = null!;

    internal DaemonProcess Agent { get; private set; } = null!;

    public Uri AgentAddress { get; private set; } = null!;

    internal AgentClient Consul { get; private set; } = null!;

    internal DaemonProcess Daemon { get; private set; } = null!;

    /// <summary>The port the daemon was given (it binds port 0 and reports it).</summary>
    public int AlertPort { get; private set; }

    public Uri Api => new($"http://127.0.0.1:{AlertPort.ToString(CultureInfo.InvariantCulture)}/");

    internal SmtpTestServer Smtp { get; private set; } = null!;

    internal LoopbackReceiver Receiver { get; private set; } = null!;

    public string LogPath => Path.Combine(_files.Directory, "notifications.log");

    public string TempDirectory => _files.Directory;

    /// <summary>Runs <paramref name="action"/> once for the whole class, whichever test asks first; later callers await the same run.</summary>
    internal Task OnceAsync(string name, Func<Task> action) => _once.GetOrAdd(name, _ => new Lazy<Task>(action)).Value;

    public string[] LogLines() => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    public async Task InitializeAsync()
    {
        Publish = await NativePublish.GetAsync();
        Agent = Run("dev-agent", "--port=0");
        await Eventually.ShouldHoldAsync(
            () => Task.FromResult(Agent.Stdout.Contains("dev agent listening on ", StringComparison.Ordinal)),
            "the native dev agent's address", Patience, () => Agent.ExitCode is { } code ? $"the dev agent exited with {code}" : null,
            () => Task.FromResult(Agent.Output));
        string line = Agent.Stdout.Split('\n').First(l => l.StartsWith("dev agent listening on ", StringComparison.Ordinal));
        AgentAddress = new Uri(line["dev agent listening on ".Length..].Trim());
        Consul = new AgentClient(AgentAddress);

        Smtp = await SmtpTestServer.StartAsync();
        Receiver = await LoopbackReceiver.StartAsync();
        const string Config = "consul-alerts/config/";
        await Consul.PutAsync(Config + "checks/change-threshold", "1");
        await Consul.PutAsync(Config + "notifiers/log/path", LogPath);
        await Consul.PutAsync(Config + "notifiers/email/enabled", "true");
        await Consul.PutAsync(Config + "notifiers/email/url", Smtp.Address);
        await Consul.PutAsync(Config + "notifiers/email/port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        await Consul.PutAsync(Config + "notifiers/email/sender-email", "consul-alerts@example.com");
        await Consul.PutAsync(Config + "notifiers/email/receivers", """["ops@example.com"]""");
        await Consul.PutAsync(Config + "notifiers/http-endpoint/enabled", "true");
        await Consul.PutAsync(Config + "notifiers/http-endpoint/base-url", Receiver.BaseUrl.ToString().TrimEnd('/'));
        await Consul.PutAsync(Config + "notifiers/http-endpoint/endpoint", "/hook");
        await Consul.PutAsync(Config + "notifiers/http-endpoint/payload", Payload);
        await Consul.RegisterTtlCheckAsync("web", CheckId);

        Daemon = Run("start", "--alert-addr=127.0.0.1:0", $"--consul-addr={AgentAddress.Authority}", "--log-level=info");
        AlertPort = await Daemon.BoundPortAsync();
        using var client = TestNetwork.NewClient();
        await UntilAsync(
            async () =>
            {
                try
                {
                    return (await client.GetStringAsync(new Uri(Api, $"v1/health/wildcard?alwaysOk=true&check={Uri.EscapeDataString(AgentClient.CheckName(CheckId))}"))).Contains(CheckId, StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the native daemon tracking " + CheckId);
    }

    /// <summary>Runs the native binary with <paramref name="args"/>.</summary>
    internal DaemonProcess Run(params string[] args) => new(args, executable: Publish.Executable);

    /// <summary>Runs the native binary with <paramref name="args"/>; <paramref name="environment"/> adds variables.</summary>
    internal DaemonProcess Run(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment, Publish.Executable);

    /// <summary>Waits for <paramref name="condition"/>, failing early if the daemon or the agent died.</summary>
    public Task UntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.ShouldHoldAsync(
            condition, what, Patience,
            () => Daemon?.ExitCode is { } code ? $"the native daemon exited with {code}" : Agent.ExitCode is { } agent ? $"the dev agent exited with {agent}" : null,
            () => Task.FromResult($"daemon:\n{Daemon?.Output}\nagent:\n{Agent.Output}"));

    public async Task DisposeAsync()
    {
        Daemon?.Dispose();
        Agent?.Dispose();
        Consul?.Dispose();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        _files.Dispose();
    }
}
