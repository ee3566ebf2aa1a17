using System.Net;
using System.Text.Json;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// An agent (the dev agent in-process, or a real one) and the real daemon as a process against it, with a log notifier file and custom
/// notifiers that record each call, in a temporary folder. What a user would run, observed from outside.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly string _root;
    // The check SettleAsync flips: its own service, notified at once (change-threshold 0).
    private const string SettleService = NotificationLog.SettleService;
    private const string SettleCheck = NotificationLog.SettleCheck;

    private DaemonProcess? _daemon;
    private int? _alertPort;
    private int _settles;

    private EngineHarness(ConsulUnderTest agent, string root)
    {
        Agent = agent;
        _root = root;
        Consul = new AgentClient(agent.Address);
    }

    public ConsulUnderTest Agent { get; }

    public AgentClient Consul { get; }

    public string LogPath => Path.Combine(_root, "notifications.log");

    /// <summary>The port the running daemon was given (it binds port 0).</summary>
    public int AlertPort => _alertPort ?? throw new InvalidOperationException("the daemon is not started");

    public DaemonProcess Daemon => _daemon ?? throw new InvalidOperationException("the daemon is not started");

    /// <summary>The agent's node name, which registered checks belong to.</summary>
    public string Node => Agent.NodeName;

    public static async Task<EngineHarness> StartAsync(ConsulKind kind = ConsulKind.DevAgent)
    {
        var harness = Over(await ConsulUnderTest.StartAsync(kind));
        await harness.SeedConfigAsync();
        return harness;
    }

    /// <summary>A harness over an agent already started (which it disposes); nothing is written to it yet.</summary>
    public static EngineHarness Over(ConsulUnderTest agent) =>
        new(agent, Directory.CreateTempSubdirectory("consul-alerts-e2e-").FullName);

    /// <summary>
    /// Points the log notifier at <see cref="LogPath"/> and sends each delivery on its own, at once (group-wait 0; the
    /// scenarios count deliveries, and grouping has its own): the configuration every scenario starts from.
    /// </summary>
    public async Task SeedConfigAsync()
    {
        await PutAsync("consul-alerts/config/notifiers/log/path", LogPath);
        await PutAsync("consul-alerts/config/checks/group-wait", "0");
    }

    /// <summary>Writes a KV value under the daemon's configuration.</summary>
    public Task PutAsync(string key, string value) => Consul.PutAsync(key, value);

    /// <summary>Whether a KV key exists.</summary>
    public Task<bool> KeyExistsAsync(string key) => Consul.KeyExistsAsync(key);

    /// <summary>Registers a service with a TTL check on the agent, passing.</summary>
    public Task RegisterTtlCheckAsync(string serviceId, string checkId) => Consul.RegisterTtlCheckAsync(serviceId, checkId);

    /// <summary>Sets a TTL check's status: <c>pass</c>, <c>warn</c> or <c>fail</c>.</summary>
    public Task SetCheckAsync(string checkId, string verb, string note = "") => Consul.SetCheckAsync(checkId, verb, note);

    /// <summary>A custom notifier script that records each call's stdin as one file; returns where the calls go.</summary>
    public async Task<string> AddCustomNotifierAsync(string name)
    {
        string calls = Path.Combine(_root, name + "-calls");
        Directory.CreateDirectory(calls);
        string script = Path.Combine(_root, name + ".sh");
        // Written aside and renamed into place: a reader never sees a call file before its content.
        await File.WriteAllTextAsync(script, $"#!/bin/bash\nname=$(date +%s%N)\ncat > \"{calls}/.$name.tmp\"\nmv \"{calls}/.$name.tmp\" \"{calls}/$name.json\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        await PutAsync($"consul-alerts/config/notifiers/custom/{name}", script);
        return calls;
    }

    /// <summary>Starts the daemon and waits until it serves its API and tracks <paramref name="checkId"/> as passing.</summary>
    public async Task StartDaemonAsync(string serviceId, string checkId)
    {
        await StartDaemonOnlyAsync();
        await WaitUntilTrackedAsync(serviceId, checkId, HttpStatusCode.OK, "passing");
    }

    /// <summary>Starts the daemon and waits until it serves its API, whatever state Consul is in.</summary>
    public async Task StartDaemonOnlyAsync()
    {
        _daemon = new DaemonProcess(["start", "--alert-addr=127.0.0.1:0", $"--consul-addr=127.0.0.1:{Agent.Port}", "--log-level=info"]);
        _alertPort = await _daemon.BoundPortAsync();
        (await TestNetwork.WaitForInfoAsync(AlertPort, _daemon.Exited)).Dispose();
    }

    /// <summary>Waits until the daemon's <c>/v1/health</c> answers <paramref name="code"/> for the check (200 passing, 503 failing).</summary>
    public async Task WaitUntilTrackedAsync(string serviceId, string checkId, HttpStatusCode code, string what)
    {
        using var api = TestNetwork.NewClient();
        await WaitUntilAsync(async () => (await HealthCodeAsync(api, serviceId, checkId)) == code, $"the daemon to track {checkId} as {what}");
    }

    /// <summary>The daemon's <c>/v1/health</c> status code for a check (404 when it does not track it).</summary>
    public async Task<HttpStatusCode> HealthCodeAsync(HttpClient api, string serviceId, string checkId)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetAsync(new Uri($"http://127.0.0.1:{AlertPort}/v1/health?node={Uri.EscapeDataString(Node)}&service={Uri.EscapeDataString(serviceId)}&check={Uri.EscapeDataString(checkId)}"));
        return response.StatusCode;
    }

    /// <summary>The daemon's <c>/v1/status</c>, or null while it does not answer it.</summary>
    public async Task<DaemonStatus?> StatusAsync()
    {
        using var api = TestNetwork.NewClient();
        try
        {
            using var response = await api.GetAsync(new Uri($"http://127.0.0.1:{AlertPort}/v1/status"));
            return response.StatusCode == HttpStatusCode.OK ? DaemonStatus.Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The log notifier's lines so far, without those of <see cref="SettleAsync"/>'s own check.</summary>
    public string[] LogLines() => [.. AllLogLines().Where(l => !IsSettleLine(l))];

    /// <summary>The JSON bodies a custom notifier received so far, oldest first, without calls only about <see cref="SettleAsync"/>'s check.</summary>
    public static string[] Calls(string folder) => [.. AllCalls(folder).Where(c => !IsSettleCall(c))];

    /// <summary>
    /// Returns once the daemon has done all it will do about what Consul holds now, so that a test may assert that
    /// nothing more (no duplicate, nothing muted) was sent, without sleeping for it. The daemon reads health as one
    /// ordered stream and decides, routes and delivers in that order, one queue per notifier: so a check of the
    /// harness's own, flipped now with a change-threshold of 0, reaches the log (and each custom notifier in
    /// <paramref name="callFolders"/>) after everything decided before it. It is flipped twice, and in between no check
    /// may be pending, so that no change-threshold running at the first flip can fire after the second; then the outbox
    /// must be empty: every delivery recorded, to any notifier, has been made.
    /// </summary>
    public async Task SettleAsync(params string[] callFolders)
    {
        if (_settles == 0)
        {
            await PutAsync($"consul-alerts/config/checks/check/{SettleCheck}/change-threshold", "0");
            await RegisterTtlCheckAsync(SettleService, SettleCheck);
            await WaitUntilTrackedAsync(SettleService, SettleCheck, HttpStatusCode.OK, "passing");
        }

        await FlipSettleCheckAsync(callFolders);
        await WaitUntilAsync(async () => await StatusAsync() is { Pending: 0 }, "no check pending");
        await FlipSettleCheckAsync(callFolders);
        await WaitUntilAsync(async () => (await Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "an empty outbox");
    }

    private async Task FlipSettleCheckAsync(string[] callFolders)
    {
        int flip = ++_settles;
        await SetCheckAsync(SettleCheck, flip % 2 == 1 ? "fail" : "pass");
        await WaitUntilAsync(
            () => AllLogLines().Count(IsSettleLine) >= flip && callFolders.All(f => AllCalls(f).Count(c => c.Contains(SettleCheck, StringComparison.Ordinal)) >= flip),
            $"the settle check's notification {flip} in every notifier");
    }

    private string[] AllLogLines() => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    private static IEnumerable<string> AllCalls(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText);

    private static bool IsSettleLine(string line) => NotificationLog.IsSettleLine(line);

    // A call about the settle check only; one that also carries another check's message is a real call.
    private static bool IsSettleCall(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            && document.RootElement.EnumerateArray().All(m => m.TryGetProperty("CheckId", out var id) && id.GetString() == SettleCheck);
    }

    public Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null) =>
        Eventually.ShouldHoldAsync(
            condition,
            what,
            patience ?? Patience,
            () => _daemon is { Exited.IsCompleted: true } ? "the daemon exited" : null,
            () => Task.FromResult($"daemon output:\n{_daemon?.Output}\nagent output:\n{Agent.Output}"));

    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, patience);

    public async ValueTask DisposeAsync()
    {
        if (_daemon is { Exited.IsCompleted: false })
        {
            await _daemon.SignalAsync("TERM");
            await _daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _daemon?.Dispose();

        Consul.Dispose();
        await Agent.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A notifier may still be writing; the temp folder is cleaned by the OS eventually.
        }
    }
}
