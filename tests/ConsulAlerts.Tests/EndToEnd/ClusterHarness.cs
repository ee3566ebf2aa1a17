using System.Globalization;
using System.Net;
using System.Text;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// One agent, the dev agent in-process or a real one (optionally behind a <see cref="TcpProxy"/>, shared or one per
/// daemon), and several real daemons against it with the same KV prefix, sharing one log notifier file: the setup of the
/// leader-election tests. Every failure it raises carries each daemon's status and output.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string LockKey = "consul-alerts/leader";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly string _root;
    private readonly ClusterOptions _options;
    private readonly HttpClient _api = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<ClusterDaemon> _daemons = [];
    private readonly List<string> _events = [];
    private readonly DateTime _created = DateTime.UtcNow;
    private int _settles;

    private ClusterHarness(ConsulUnderTest agent, TcpProxy? proxy, ConsulHttpProxy? httpProxy, IReadOnlyList<TcpProxy> daemonProxies, ClusterOptions options, string root)
    {
        Agent = agent;
        Proxy = proxy;
        HttpProxy = httpProxy;
        DaemonProxies = daemonProxies;
        _options = options;
        _root = root;
        Consul = new AgentClient(agent.Address);
        Log = new NotificationLog(Path.Combine(root, "notifications.log"));
        int consulPort = proxy?.Port ?? httpProxy?.Port ?? agent.Port;
        for (int i = 0; i < options.Daemons; i++)
        {
            _daemons.Add(new ClusterDaemon(i,
            [
                "start", "--alert-addr=127.0.0.1:0", $"--consul-addr=127.0.0.1:{(daemonProxies.Count > i ? daemonProxies[i].Port : consulPort)}", $"--log-level={options.LogLevel}",
                .. options.DaemonArguments,
            ]));
        }
    }

    public ConsulUnderTest Agent { get; }

    /// <summary>The dev agent, for scenarios that switch its faults on.</summary>
    public DevAgentServer DevAgent => Agent.DevAgent ?? throw new InvalidOperationException("fault switches need the dev agent");

    /// <summary>Between the daemons and the agent when <see cref="ClusterOptions.ThroughProxy"/> is set.</summary>
    public TcpProxy? Proxy { get; }

    /// <summary>Between the daemons and the agent when <see cref="ClusterOptions.ThroughHttpProxy"/> is set.</summary>
    public ConsulHttpProxy? HttpProxy { get; }

    /// <summary>Daemon i's own link to the agent when <see cref="ClusterOptions.ProxyPerDaemon"/> is set; empty otherwise.</summary>
    public IReadOnlyList<TcpProxy> DaemonProxies { get; }

    public AgentClient Consul { get; }

    public NotificationLog Log { get; }

    public IReadOnlyList<ClusterDaemon> Daemons => _daemons;

    /// <summary>The agent's node name, which registered checks belong to.</summary>
    public string Node => Agent.NodeName;

    /// <summary>Starts the agent (and proxy) and writes the shared configuration; no daemon runs yet.</summary>
    public static async Task<ClusterHarness> CreateAsync(ClusterOptions options) =>
        await CreateAsync(options, await ConsulUnderTest.StartAsync(options.Consul, options.SessionTtlMultiplier));

    /// <summary>As <see cref="CreateAsync(ClusterOptions)"/>, on an agent the test started (the harness disposes it).</summary>
    public static async Task<ClusterHarness> CreateAsync(ClusterOptions options, ConsulUnderTest agent)
    {
        TcpProxy? proxy = null;
        if (options.ThroughProxy)
        {
            proxy = new TcpProxy(agent.Port);
            proxy.Start();
        }

        var httpProxy = options.ThroughHttpProxy ? await ConsulHttpProxy.StartAsync(agent.Address) : null;
        var daemonProxies = options.ProxyPerDaemon ? Enumerable.Range(0, options.Daemons).Select(_ => new TcpProxy(agent.Port)).ToList() : [];
        daemonProxies.ForEach(p => p.Start());
        var root = Directory.CreateTempSubdirectory("consul-alerts-failover-").FullName;
        var cluster = new ClusterHarness(agent, proxy, httpProxy, daemonProxies, options, root);
        await cluster.WriteConfigAsync();
        return cluster;
    }

    /// <summary>Writes the shared configuration: at creation, and again after an agent in dev mode lost it.</summary>
    public async Task WriteConfigAsync()
    {
        await Consul.PutAsync("consul-alerts/config/notifiers/log/path", Log.Path);
        await Consul.PutAsync("consul-alerts/config/checks/change-threshold", _options.ChangeThresholdSeconds.ToString(CultureInfo.InvariantCulture));
        // Each delivery on its own, at once: these scenarios count deliveries; grouping has its own tests.
        await Consul.PutAsync("consul-alerts/config/checks/group-wait", "0");
    }

    /// <summary>Starts every daemon and waits until one of them leads and the others follow it.</summary>
    public async Task StartAllAsync()
    {
        await Task.WhenAll(_daemons.Select(d => d.StartAsync()));
        Record("started all daemons");
        await WaitForLeaderAsync();
    }

    public async Task StartAsync(int index)
    {
        await _daemons[index].StartAsync();
        Record($"started daemon {index} (pid {_daemons[index].Process.Id}, 127.0.0.1:{_daemons[index].AlertPort})");
    }

    /// <summary>SIGTERM; returns the exit code.</summary>
    public async Task<int> TerminateAsync(int index)
    {
        Record($"SIGTERM to daemon {index}");
        int code = await _daemons[index].TerminateAsync();
        Record($"daemon {index} exited with {code}");
        return code;
    }

    /// <summary>SIGKILL.</summary>
    public async Task KillAsync(int index)
    {
        await _daemons[index].KillAsync();
        Record($"SIGKILL to daemon {index}");
    }

    public Task<DaemonStatus?> StatusAsync(int index) => _daemons[index].StatusAsync(_api);

    /// <summary>The session holding the leader lock in Consul, or null when nobody holds it.</summary>
    public Task<string?> LockSessionAsync() => Consul.LockSessionAsync(LockKey);

    /// <summary>
    /// The leader's index when the cluster agrees: the lock key names a session, exactly one running daemon reports
    /// leader with that session, and every other running daemon reports standby with that session as the holder.
    /// Null otherwise (no leader, two leaders, or a daemon not caught up yet).
    /// </summary>
    public async Task<int?> AgreedLeaderAsync() => (await AgreedLeadershipAsync())?.Index;

    /// <summary>The agreed leader (<see cref="AgreedLeaderAsync"/>) and its session, which tells two terms of one daemon apart.</summary>
    public async Task<(int Index, string Session)?> AgreedLeadershipAsync()
    {
        string? session = await LockSessionAsync();
        if (session is null)
        {
            return null;
        }

        int? leader = null;
        // A daemon being stopped is left out: it may already have handed over while still shutting down.
        foreach (var daemon in _daemons.Where(d => d.ShouldRun && d.IsRunning))
        {
            var status = await daemon.StatusAsync(_api);
            if (status is { IsLeader: true } && status.SessionId == session && leader is null)
            {
                leader = daemon.Index;
            }
            else if (status is not { IsStandby: true } || status.HolderSession != session)
            {
                return null;
            }
        }

        return leader is { } index ? (index, session) : null;
    }

    /// <summary>
    /// The daemon that reports leader with the session holding the lock, and that session, regardless of what the
    /// standbys report; null when there is none. Cheaper to satisfy than <see cref="AgreedLeadershipAsync"/> while
    /// daemons restart, so it suits sampling who is working.
    /// </summary>
    public async Task<(int Index, string Session)?> LockHoldingLeaderAsync()
    {
        string? session = await LockSessionAsync();
        if (session is null)
        {
            return null;
        }

        foreach (var daemon in _daemons.Where(d => d.IsRunning))
        {
            if (await daemon.StatusAsync(_api) is { IsLeader: true } status && status.SessionId == session)
            {
                return (daemon.Index, session);
            }
        }

        return null;
    }

    /// <summary>Indexes of the running daemons that report leader, for "at most one" samples.</summary>
    public async Task<int[]> ReportedLeadersAsync()
    {
        var statuses = await Task.WhenAll(_daemons.Where(d => d.IsRunning).Select(async d => (d.Index, Status: await d.StatusAsync(_api))));
        return [.. statuses.Where(s => s.Status is { IsLeader: true }).Select(s => s.Index)];
    }

    /// <summary>Waits until the cluster agrees on a leader (<see cref="AgreedLeaderAsync"/>); returns its index.</summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan? patience = null, string what = "one leader that every daemon agrees on")
    {
        int? leader = null;
        await WaitUntilAsync(async () => (leader = await AgreedLeaderAsync()) is not null, what, patience);
        Record($"daemon {leader} leads");
        return leader!.Value;
    }

    /// <summary>Registers a service with a passing TTL check and waits until every running daemon tracks it as passing.</summary>
    public async Task AddTtlCheckAsync(string serviceId, string checkId)
    {
        await Consul.RegisterTtlCheckAsync(serviceId, checkId);
        await WaitUntilAsync(async () =>
        {
            try
            {
                foreach (var daemon in _daemons.Where(d => d.IsRunning))
                {
                    using var response = await _api.GetAsync(new Uri($"http://127.0.0.1:{daemon.AlertPort}/v1/health?node={Node}&service={serviceId}&check={checkId}"));
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return false;
                    }
                }

                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"every daemon to track {checkId} as passing");
    }

    /// <summary>Sets a TTL check's status: <c>pass</c>, <c>warn</c> or <c>fail</c>.</summary>
    public async Task SetCheckAsync(string checkId, string verb)
    {
        await Consul.SetCheckAsync(checkId, verb);
        Record($"check {checkId}: {verb}");
    }

    /// <summary>
    /// Returns once the leader has done all it will do about what Consul holds now, so that a test may assert that
    /// nothing more (no duplicate, nothing re-sent) came, without sleeping for it. The leader reads health as one
    /// ordered stream and decides, records and delivers in that order: a check of the harness's own, flipped now with a
    /// change-threshold of 0, reaches the log after everything decided before it. It is flipped twice, with no check
    /// pending in between (so no running change-threshold fires after the second flip), and then the outbox must be
    /// empty: every delivery recorded, to any notifier, has been made.
    /// </summary>
    public async Task SettleAsync()
    {
        if (_settles == 0)
        {
            await Consul.PutAsync($"consul-alerts/config/checks/check/{NotificationLog.SettleCheck}/change-threshold", "0");
            await AddTtlCheckAsync(NotificationLog.SettleService, NotificationLog.SettleCheck);
        }

        await FlipSettleCheckAsync();
        await WaitUntilAsync(
            async () => await AgreedLeaderAsync() is { } leader && await StatusAsync(leader) is { Pending: 0 }, "no check pending at the leader");
        await FlipSettleCheckAsync();
        await WaitUntilAsync(async () => (await Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "an empty outbox");
        Record("settled");
    }

    private async Task FlipSettleCheckAsync()
    {
        int flip = ++_settles;
        await SetCheckAsync(NotificationLog.SettleCheck, flip % 2 == 1 ? "fail" : "pass");
        await WaitUntilAsync(() => Log.AllLines().Count(NotificationLog.IsSettleLine) >= flip, $"the settle check's notification {flip}");
    }

    /// <summary>How many times the check was notified with the status, at the shared log notifier.</summary>
    public int Notified(string checkId, string status) => Log.Count(AgentClient.CheckName(checkId), status);

    /// <summary>Waits, failing early when a daemon meant to run has exited.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null) =>
        Eventually.ShouldHoldAsync(condition, what, patience ?? Patience, BrokenReason, DescribeAsync);

    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, patience);

    /// <summary>A line in the timeline shown on failure.</summary>
    public void Record(string what)
    {
        lock (_events)
        {
            _events.Add($"{(DateTime.UtcNow - _created).TotalSeconds,7:0.000}s {what}");
        }
    }

    /// <summary>The timeline so far: starts, stops, kills, check changes and leaders seen.</summary>
    public string Timeline()
    {
        lock (_events)
        {
            return string.Join('\n', _events);
        }
    }

    /// <summary>Why the cluster is broken (a daemon that should run has exited), or null.</summary>
    public string? BrokenReason()
    {
        var dead = _daemons.FirstOrDefault(d => d.ShouldRun && !d.IsRunning);
        return dead is null ? null : $"daemon {dead.Index} exited with code {dead.Process.ExitCode}";
    }

    /// <summary>What a test sampled, then everything <see cref="DescribeAsync()"/> gives.</summary>
    public async Task<string> DescribeAsync(IEnumerable<string> samples) =>
        $"===== samples\n{string.Join('\n', samples)}\n{await DescribeAsync()}";

    /// <summary>Writes what a test saw, how long it took and the timeline to the test's output.</summary>
    public void Report(Xunit.Abstractions.ITestOutputHelper output, System.Diagnostics.Stopwatch watch, string what)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(watch);
        output.WriteLine($"{what}; test took {watch.Elapsed.TotalSeconds:0} s");
        output.WriteLine(Timeline());
    }

    /// <summary>Everything needed to diagnose a failure: timeline, lock key, each daemon's status and output, the log.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder();
        text.AppendLine("===== timeline").AppendLine(Timeline());

        text.AppendLine("===== lock key " + LockKey);
        try
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"session {await LockSessionAsync() ?? "(none)"}, value {await Consul.GetRawAsync(LockKey) ?? "(missing)"}");
        }
        catch (HttpRequestException ex)
        {
            text.AppendLine(ex.Message);
        }

        foreach (var daemon in _daemons.Where(d => d.Runs > 0))
        {
            var (_, status) = await daemon.ReadStatusAsync(_api);
            text.AppendLine(CultureInfo.InvariantCulture, $"===== daemon {daemon.Index} /v1/status: {status}");
        }

        if (Agent.Output.Length > 0)
        {
            text.AppendLine("===== agent log (tail)").AppendLine(Agent.Output.Length > 8000 ? Agent.Output[^8000..] : Agent.Output);
        }

        text.AppendLine("===== notifications");
        foreach (string line in Log.Lines())
        {
            text.AppendLine(line);
        }

        foreach (var daemon in _daemons.Where(d => d.Runs > 0))
        {
            text.AppendLine(daemon.Describe());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_daemons.Where(d => d.IsRunning).Select(async d =>
        {
            try
            {
                await d.TerminateAsync();
            }
            catch (TimeoutException)
            {
                // Disposing kills it.
            }
        }));
        foreach (var daemon in _daemons)
        {
            daemon.Dispose();
        }

        Proxy?.Dispose();
        foreach (var proxy in DaemonProxies)
        {
            proxy.Dispose();
        }

        if (HttpProxy is not null)
        {
            await HttpProxy.DisposeAsync();
        }

        _api.Dispose();
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
