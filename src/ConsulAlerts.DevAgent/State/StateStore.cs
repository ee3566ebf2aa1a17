using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;

namespace ConsulAlerts.DevAgent.State;

/// <summary>
/// The in-memory replacement for Consul's Raft log and state store. One lock serialises every write, and each write takes
/// the next global index (as a Raft apply does); per-table indexes feed <c>X-Consul-Index</c>. Change signals wake the
/// blocking queries that watch a table.
/// </summary>
internal sealed partial class StateStore : IBlockingSource, IDisposable
{
    private const string CheckTimerPrefix = "check\n";
    private const string SessionTimerPrefix = "session\n";
    private const string SerfHealthCheckId = "serfHealth";

    private readonly DeadlineScheduler _scheduler;
    private ulong _index;
    private long _generation;
    private ulong _nodesIndex;
    private ulong _servicesIndex;
    private ulong _checksIndex;
    private ulong _kvsIndex;
    private ulong _tombstonesIndex;
    private ulong _sessionsIndex;
    private bool _kvDirty;
    private bool _catalogDirty;
    private bool _sessionsDirty;

    public StateStore(DevAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        NodeName = options.NodeName;
        Datacenter = options.Datacenter;
        Time = options.TimeProvider;
        SessionTtlMultiplier = options.SessionTtlMultiplier;
        _scheduler = new DeadlineScheduler(Time, Gate, OnDeadline);
        RegisterSelf();
    }

    public Lock Gate { get; } = new();

    public long Generation => Interlocked.Read(ref _generation);

    public ChangeSignal KvChanged { get; } = new();

    public ChangeSignal CatalogChanged { get; } = new();

    public ChangeSignal SessionsChanged { get; } = new();

    public string NodeName { get; }

    public string NodeId { get; } = Guid.NewGuid().ToString();

    public string Datacenter { get; }

    public TimeProvider Time { get; }

    public double SessionTtlMultiplier { get; }

    /// <summary>The index of the last write (the Raft log's last index).</summary>
    public ulong LastIndex
    {
        get { lock (Gate) { return _index; } }
    }

    /// <summary>Applies one write under the lock with a fresh index, then wakes the watchers of every changed table.</summary>
    public T Write<T>(Func<ulong, T> apply)
    {
        lock (Gate)
        {
            var index = ++_index;
            try
            {
                return apply(index);
            }
            finally
            {
                Publish();
            }
        }
    }

    public T Read<T>(Func<T> read)
    {
        lock (Gate)
        {
            return read();
        }
    }

    public void Dispose() => _scheduler.Dispose();

    private static ulong Max(params ReadOnlySpan<ulong> values)
    {
        ulong max = 0;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    private void Publish()
    {
        if (_kvDirty)
        {
            _kvDirty = false;
            KvChanged.Notify();
        }

        if (_catalogDirty)
        {
            _catalogDirty = false;
            CatalogChanged.Notify();
        }

        if (_sessionsDirty)
        {
            _sessionsDirty = false;
            SessionsChanged.Notify();
        }
    }

    private void RegisterSelf()
    {
        Write(index =>
        {
            EnsureNode(index, new NodeEntry
            {
                ID = NodeId,
                Node = NodeName,
                Address = "127.0.0.1",
                Datacenter = Datacenter,
                TaggedAddresses = new()
                {
                    ["lan"] = "127.0.0.1",
                    ["lan_ipv4"] = "127.0.0.1",
                    ["wan"] = "127.0.0.1",
                    ["wan_ipv4"] = "127.0.0.1",
                },
                Meta = new() { ["consul-network-segment"] = "" },
            });
            EnsureService(index, NodeName, new ServiceEntry { ID = "consul", Service = "consul", Port = 8300 });
            EnsureCheck(index, new HealthCheck
            {
                Node = NodeName,
                CheckID = SerfHealthCheckId,
                Name = "Serf Health Status",
                Status = HealthStatus.Passing,
                Output = "Agent alive and reachable",
            });
            return true;
        });
    }

    private void OnDeadline(string key)
    {
        if (key.StartsWith(CheckTimerPrefix, StringComparison.Ordinal))
        {
            var checkId = key[CheckTimerPrefix.Length..];
            Write(index => ExpireTtlCheck(index, checkId));
        }
        else if (key == ReapTimerKey)
        {
            Write(ReapServices);
        }
        else if (key.StartsWith(SessionTimerPrefix, StringComparison.Ordinal))
        {
            var sessionId = key[SessionTimerPrefix.Length..];
            Write(index => InvalidateSession(index, sessionId));
        }
    }
}
