namespace ConsulAlerts.DevAgent;

/// <summary>
/// Fault switches that make the agent misbehave like a real cluster in trouble. Thread-safe; also reachable over HTTP at
/// <c>GET/PUT /_dev/faults</c> and <c>PUT /_dev/reset-index</c>.
/// </summary>
public sealed class DevAgentFaults
{
    private readonly Lock _gate = new();
    private readonly Action _resetIndex;
    private bool _noLeader;
    private bool _aclDenied;
    private bool _dropConnections;
    private TimeSpan _latency;
    private int _failCount;
    private int _failStatus;
    private string _failBody = "";
    private HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _reachable = new(StringComparer.Ordinal);

    internal DevAgentFaults(Action resetIndex) => _resetIndex = resetIndex;

    /// <summary>Server endpoints answer 500 <c>No cluster leader</c> (stale reads and agent-local endpoints still work).</summary>
    public bool NoLeader
    {
        get { lock (_gate) { return _noLeader; } }
        set { lock (_gate) { _noLeader = value; } }
    }

    /// <summary>Every <c>/v1</c> request except <c>/v1/status/*</c> answers 403 <c>Permission denied</c>.</summary>
    public bool AclDenied
    {
        get { lock (_gate) { return _aclDenied; } }
        set { lock (_gate) { _aclDenied = value; } }
    }

    /// <summary>Delay added before each <c>/v1</c> answer.</summary>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>Every <c>/v1</c> request has its connection aborted without a response.</summary>
    public bool DropConnections
    {
        get { lock (_gate) { return _dropConnections; } }
        set { lock (_gate) { _dropConnections = value; } }
    }

    /// <summary>
    /// Extra datacenters whose servers are down: a request with <c>?dc=</c> of one answers at once with the 500 a Consul
    /// server gets dialling a dead remote server (<c>rpc error getting client: failed to get conn: dial tcp ...:
    /// connect: connection refused</c>). It stays in <c>/v1/catalog/datacenters</c>, as Consul keeps a failed WAN member.
    /// A blocking read of it under way when it goes down ends at once with <c>500 rpc error making call: stream
    /// closed</c>, as the stream to a killed server does.
    /// </summary>
    public IReadOnlyCollection<string> UnreachableDatacenters
    {
        get { lock (_gate) { return [.. _unreachable]; } }
        set { SetUnreachable(value); }
    }

    /// <summary>Number of injected failures not yet used.</summary>
    public int PendingFailures
    {
        get { lock (_gate) { return _failCount; } }
    }

    /// <summary>The next <paramref name="count"/> <c>/v1</c> requests answer <paramref name="statusCode"/> with a plain-text body.</summary>
    public void FailNext(int count, int statusCode, string body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        lock (_gate)
        {
            _failCount = count;
            _failStatus = statusCode;
            _failBody = body ?? "";
        }
    }

    /// <summary>Simulates a snapshot restore: every index goes back to 1 and every blocking query returns at once.</summary>
    public void ResetIndex() => _resetIndex();

    /// <summary>Turns every fault off.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _noLeader = _aclDenied = _dropConnections = false;
            _unreachable = new HashSet<string>(StringComparer.Ordinal);
            _latency = TimeSpan.Zero;
            _failCount = 0;
            _failStatus = 0;
            _failBody = "";
        }
    }

    /// <summary>Cancelled when <paramref name="datacenter"/> goes down (becomes one of <see cref="UnreachableDatacenters"/>).</summary>
    internal CancellationToken GoesDown(string datacenter)
    {
        lock (_gate)
        {
            if (!_reachable.TryGetValue(datacenter, out var source))
            {
                _reachable[datacenter] = source = new CancellationTokenSource();
            }

            return source.Token;
        }
    }

    private void SetUnreachable(IReadOnlyCollection<string>? datacenters)
    {
        List<CancellationTokenSource> down = [];
        lock (_gate)
        {
            _unreachable = new HashSet<string>(datacenters ?? [], StringComparer.Ordinal);
            foreach (var name in _unreachable)
            {
                if (_reachable.Remove(name, out var source))
                {
                    down.Add(source);
                }
            }
        }

        foreach (var source in down)
        {
            source.Cancel();
            source.Dispose();
        }
    }

    internal bool IsUnreachable(string datacenter)
    {
        lock (_gate)
        {
            return _unreachable.Contains(datacenter);
        }
    }

    internal bool TryTakeFailure(out int statusCode, out string body)
    {
        lock (_gate)
        {
            statusCode = _failStatus;
            body = _failBody;
            if (_failCount <= 0)
            {
                return false;
            }

            _failCount--;
            return true;
        }
    }

    internal (int Count, int StatusCode, string Body) PendingFailure()
    {
        lock (_gate)
        {
            return (_failCount, _failStatus, _failBody);
        }
    }
}
