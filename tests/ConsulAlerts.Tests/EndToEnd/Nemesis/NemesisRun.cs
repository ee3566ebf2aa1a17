using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// What the faults act on and what they leave behind: the cluster (each daemon behind a proxy of its own), the webhook
/// receiver every notification goes to, the flapper, the faults so far and a sample of every daemon's role a few times
/// a second (who led when, to judge that at most one leader sent at any moment).
/// </summary>
internal sealed class NemesisRun(ClusterHarness cluster, FlakyReceiver receiver, CheckFlapper flapper, NemesisClock clock, TimeSpan threshold) : IDisposable
{
    /// <summary>A Consul session's TTL as the daemons ask for it (their default); Consul's minimum.</summary>
    public static readonly TimeSpan SessionTtl = TimeSpan.FromSeconds(10);

    /// <summary>How long the cluster may take to agree on a leader after a fault is healed before the run fails.</summary>
    public static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(150);

    /// <summary>
    /// The load while Consul is away is measured from this long after it went: the first retries come quickly (the
    /// backoff starts at a fraction of a second) before each loop settles at its longest interval.
    /// </summary>
    public static readonly TimeSpan LoadWarmUp = TimeSpan.FromSeconds(5);

    private readonly HttpClient _api = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
    private readonly Lock _gate = new();
    private readonly HashSet<int> _paused = [];
    private readonly List<DaemonSample> _samples = [];
    private readonly List<FaultRecord> _faults = [];

    public ClusterHarness Cluster => cluster;

    public FlakyReceiver Receiver => receiver;

    public CheckFlapper Flapper => flapper;

    public NemesisClock Clock => clock;

    public TimeSpan Threshold => threshold;

    public IReadOnlyList<DaemonSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<FaultRecord> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Every message the receiver got (the harness's settle check left out), on the run's time line.</summary>
    public IReadOnlyList<SentNotification> Notifications() =>
        [.. receiver.Requests.SelectMany(r => r.Messages
            .Where(m => m.CheckId != NotificationLog.SettleCheck)
            .Select(m => new SentNotification(clock.At(r.At), m.CheckId, m.Status, r.Status == 200, r.Sender is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null)))];

    /// <summary>The daemons' notifier configuration: the webhook receiver (and the harness's log notifier).</summary>
    public async Task WriteConfigAsync()
    {
        await cluster.WriteConfigAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/nemesis"));
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
    }

    public void Add(FaultRecord fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }

        cluster.Record(fault.ToString());
    }

    /// <summary>SIGSTOP of a daemon; the sampler leaves it alone until <see cref="ContinueAsync"/>.</summary>
    public async Task StopAsync(int pid)
    {
        lock (_gate)
        {
            _paused.Add(pid);
        }

        await ProcessSignals.StopAsync(pid);
    }

    public async Task ContinueAsync(int pid)
    {
        await ProcessSignals.ContinueAsync(pid);
        lock (_gate)
        {
            _paused.Remove(pid);
        }
    }

    /// <summary>The daemon holding the lock now and its session (from the samples' source, not the cache), or null.</summary>
    public async Task<(int Daemon, string Session)?> LockHolderAsync()
    {
        string? session;
        try
        {
            session = await cluster.LockSessionAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }

        if (session is null)
        {
            return null;
        }

        foreach (var daemon in Running())
        {
            if (await daemon.StatusAsync(_api) is { IsLeader: true } status && status.SessionId == session)
            {
                return (daemon.Index, session);
            }
        }

        return null;
    }

    /// <summary>Seconds from <paramref name="since"/> until a daemon leads with a session other than <paramref name="old"/>.</summary>
    public async Task<double> WaitForTakeoverAsync(string? old, double since)
    {
        double? takeover = null;
        await cluster.WaitUntilAsync(
            async () => await LockHolderAsync() is { } holder && holder.Session != old && (takeover = clock.Now - since) is not null,
            "a new leader after the fault", RecoveryPatience);
        return takeover!.Value;
    }

    /// <summary>Waits until the cluster agrees on a leader again; returns when (seconds into the run).</summary>
    public async Task<double> WaitRecoveredAsync()
    {
        await cluster.WaitForLeaderAsync(RecoveryPatience, "one agreed leader after the fault was healed");
        return clock.Now;
    }

    /// <summary>Waits until the run's clock reads <paramref name="at"/> (at once when it is past).</summary>
    public async Task DelayUntilAsync(double at)
    {
        double rest = at - clock.Now;
        if (rest > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(rest));
        }
    }

    /// <summary>Starts counting each daemon's connection attempts and CPU; the returned function ends the count.</summary>
    public Func<IReadOnlyList<DaemonLoad>> MeasureLoad()
    {
        double from = clock.Now;
        var start = cluster.Daemons.Select(d => (d.Index, d.Process.Id, Attempts: cluster.DaemonProxies[d.Index].Accepted, Cpu: CpuSeconds(d.Process.Id))).ToList();
        return () =>
        {
            double seconds = clock.Now - from;
            return [.. start.Select(s => new DaemonLoad(s.Index, seconds, cluster.DaemonProxies[s.Index].Accepted - s.Attempts, CpuSeconds(s.Id) - s.Cpu))];
        };
    }

    /// <summary>Samples every running, unpaused daemon's role a few times a second until <paramref name="stopping"/>.</summary>
    public async Task SampleAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.WhenAll(Running().Select(async daemon =>
            {
                int pid = daemon.Process.Id;
                double asked = clock.Now;
                if (await daemon.StatusAsync(_api) is { } status)
                {
                    lock (_gate)
                    {
                        // Stamped when asked: a role reported was held at some moment between asking and the answer.
                        _samples.Add(new DaemonSample(asked, daemon.Index, pid, status.Role, status.SessionId));
                    }
                }
            }));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The daemon index a process ran as, or null.</summary>
    public int? DaemonOf(int pid) => cluster.Daemons.FirstOrDefault(d => d.ProcessIds.Contains(pid))?.Index;

    public void Dispose() => _api.Dispose();

    private List<ClusterDaemon> Running()
    {
        lock (_gate)
        {
            return [.. cluster.Daemons.Where(d => d.IsRunning && !_paused.Contains(d.Process.Id))];
        }
    }

    /// <summary>User and system CPU time of a process so far, from <c>/proc/&lt;pid&gt;/stat</c>; 0 once it is gone.</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "pid (comm) state ..." : utime and stime are the 12th and 13th fields after the command's closing ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
