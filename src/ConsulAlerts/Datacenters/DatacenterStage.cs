using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Datacenters;

/// <summary>
/// Between the health watchers (one for the agent's own datacenter, one per other datacenter watched) and the
/// cluster-health stage: hands on one snapshot holding the latest read of every datacenter, and for each other
/// datacenter a synthetic check <c>_consul/consul-datacenter</c> of that datacenter, critical while it cannot be read
/// through the agent. A datacenter that stops answering keeps its last read, so its checks keep their states rather than
/// being reported as recovered or gone; one not read since the daemon started is named as unread
/// (<see cref="HealthSnapshot.Unread"/>), so their stored states are kept too. With the agent's own datacenter only, the
/// local snapshot passes through untouched.
/// </summary>
internal sealed class DatacenterStage : IHealthSnapshotSink
{
    /// <summary>The check ID of a datacenter's reachability check, on the node <see cref="ClusterHealthConfig.Node"/>.</summary>
    public const string CheckId = "consul-datacenter";

    private const int MaxErrorLength = 512;

    private readonly IHealthSnapshotSink _next;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Remote> _remotes = new(StringComparer.Ordinal);
    private IReadOnlyList<CheckInfo>? _local;
    private DateTimeOffset? _localContact;
    private DateTimeOffset? _localFailingSince;
    private string? _localError;

    /// <param name="next">The next stage (cluster health, then the engine).</param>
    /// <param name="localDatacenter">The agent's own datacenter's name (<c>--consul-dc</c>), as status shows it.</param>
    /// <param name="timeProvider">The clock of contacts and failures.</param>
    public DatacenterStage(IHealthSnapshotSink next, string localDatacenter, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(localDatacenter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _next = next;
        LocalDatacenter = localDatacenter;
        _time = timeProvider;
    }

    /// <summary>The agent's own datacenter's name.</summary>
    public string LocalDatacenter { get; }

    /// <summary>The other datacenters watched now.</summary>
    public IReadOnlyList<string> Remotes
    {
        get
        {
            lock (_gate)
            {
                return [.. _remotes.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Every watched datacenter, the agent's own first.</summary>
    public IReadOnlyList<DatacenterStatus> Status
    {
        get
        {
            lock (_gate)
            {
                var local = new DatacenterStatus(
                    LocalDatacenter, true, _localFailingSince is not null ? false : _localContact is not null ? true : null, _localContact,
                    _local?.Count(c => c.Datacenter.Length == 0) ?? 0, _localFailingSince, _localError);
                return [local, .. _remotes.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Status())];
            }
        }
    }

    /// <summary>The reachability check of <paramref name="datacenter"/>.</summary>
    public static CheckInfo ReachabilityCheck(string datacenter, bool reachable, string output) => new()
    {
        Node = ClusterHealthConfig.Node,
        CheckId = CheckId,
        Name = $"Consul datacenter {datacenter}",
        Status = reachable ? CheckStatus.Passing : CheckStatus.Critical,
        Output = output,
        Datacenter = datacenter,
    };

    /// <summary>The agent's own datacenter's snapshot.</summary>
    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_gate)
        {
            _local = checks;
            PublishLocked();
        }
    }

    /// <summary>The agent's own datacenter answered.</summary>
    public void Confirm()
    {
        lock (_gate)
        {
            _localContact = _time.GetUtcNow();
            _localFailingSince = null;
            _localError = null;
        }

        _next.Confirm();
    }

    /// <summary>A read of the agent's own datacenter failed.</summary>
    public void LocalFailed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _localFailingSince ??= _time.GetUtcNow();
            _localError ??= Describe(error);
        }
    }

    /// <summary>
    /// The other datacenters to watch from now on: new ones start unread, and the checks of one no longer watched
    /// leave the snapshot (they are dropped as gone, without a notification).
    /// </summary>
    public void Watch(IEnumerable<string> datacenters)
    {
        ArgumentNullException.ThrowIfNull(datacenters);
        var wanted = datacenters.Where(d => d != LocalDatacenter).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            var changed = false;
            foreach (var gone in _remotes.Keys.Where(d => !wanted.Contains(d)).ToList())
            {
                _remotes.Remove(gone);
                changed = true;
            }

            foreach (var name in wanted.Where(d => !_remotes.ContainsKey(d)))
            {
                _remotes[name] = new Remote(name);
                changed = true;
            }

            if (changed)
            {
                PublishLocked();
            }
        }
    }

    /// <summary>A snapshot of another datacenter; ignored when it is no longer watched.</summary>
    public void ApplyRemote(string datacenter, IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_gate)
        {
            if (_remotes.TryGetValue(datacenter, out var remote))
            {
                remote.Checks = checks;
                PublishLocked();
            }
        }
    }

    /// <summary>Another datacenter answered a read.</summary>
    public void RemoteAnswered(string datacenter)
    {
        lock (_gate)
        {
            if (_remotes.TryGetValue(datacenter, out var remote))
            {
                var flipped = remote.Reachable is not true;
                remote.LastContact = _time.GetUtcNow();
                remote.FailingSince = null;
                remote.Error = null;
                if (flipped)
                {
                    PublishLocked();
                }
            }
        }
    }

    /// <summary>A read of another datacenter failed; the first failure of an outage turns its check critical.</summary>
    public void RemoteFailed(string datacenter, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            if (_remotes.TryGetValue(datacenter, out var remote) && remote.FailingSince is null)
            {
                remote.FailingSince = _time.GetUtcNow();
                remote.Error = Describe(error);
                PublishLocked();
            }
        }
    }

    private static string Describe(Exception error)
    {
        var text = error.Message.ReplaceLineEndings(" ");
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }

    private void PublishLocked()
    {
        if (_local is not { } local)
        {
            return;
        }

        if (_remotes.Count == 0)
        {
            _next.Apply(local);
            return;
        }

        var checks = new List<CheckInfo>(local.Count + _remotes.Values.Sum(r => (r.Checks?.Count ?? 0) + 1));
        checks.AddRange(local);
        var unread = new HashSet<string>(StringComparer.Ordinal);
        foreach (var remote in _remotes.Values)
        {
            if (remote.Checks is { } read)
            {
                // A datacenter's own node named _consul cannot stand in for its reachability check.
                checks.AddRange(read.Where(c => c.Node != ClusterHealthConfig.Node || c.CheckId != CheckId));
            }
            else
            {
                unread.Add(remote.Name);
            }

            if (remote.ReachabilityCheck() is { } reachability)
            {
                checks.Add(reachability);
            }
        }

        _next.Apply(new HealthSnapshot(checks, unread));
    }

    private sealed class Remote(string name)
    {
        private CheckInfo? _check;

        public string Name => name;

        public IReadOnlyList<CheckInfo>? Checks { get; set; }

        public DateTimeOffset? LastContact { get; set; }

        public DateTimeOffset? FailingSince { get; set; }

        public string? Error { get; set; }

        /// <summary>Null before the first read ended, then whether the last one answered.</summary>
        public bool? Reachable => FailingSince is not null ? false : LastContact is not null ? true : null;

        public DatacenterStatus Status() => new(name, false, Reachable, LastContact, Checks?.Count ?? 0, FailingSince, Error);

        /// <summary>The datacenter's check once a read has ended; the same instance while its status and failure are unchanged.</summary>
        public CheckInfo? ReachabilityCheck()
        {
            if (Reachable is not { } reachable)
            {
                return null;
            }

            var output = reachable
                ? $"Datacenter {name} answers through the local agent."
                : $"Datacenter {name} cannot be read through the local agent since {FailingSince:yyyy-MM-ddTHH:mm:ssZ}: {Error}";
            if (_check is null || _check.Output != output)
            {
                _check = DatacenterStage.ReachabilityCheck(name, reachable, output);
            }

            return _check;
        }
    }
}
