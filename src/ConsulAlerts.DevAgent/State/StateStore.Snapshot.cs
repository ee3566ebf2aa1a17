namespace ConsulAlerts.DevAgent.State;

/// <summary>Whole-store copy and restore for transactions with Node, Service or Check operations.</summary>
internal sealed partial class StateStore
{
    public StoreSnapshot CaptureSnapshot() => new()
    {
        Nodes = new(_nodes, _nodes.Comparer),
        ServicesByNode = DeepCopy(_servicesByNode, d => new(d, d.Comparer)),
        ServicesByName = DeepCopy(_servicesByName, s => new(s, s.Comparer)),
        ChecksByNode = DeepCopy(_checksByNode, d => new(d, d.Comparer)),
        ChecksByService = DeepCopy(_checksByService, s => new(s, s.Comparer)),
        ServiceIndexes = new(_serviceIndexes, _serviceIndexes.Comparer),
        Kv = new(_kv, _kv.Comparer),
        Tombstones = new(_tombstones, _tombstones.Comparer),
        LockDelays = new(_lockDelays, _lockDelays.Comparer),
        Sessions = new(_sessions, _sessions.Comparer),
        SessionKeys = DeepCopy(_sessionKeys, s => new(s, s.Comparer)),
        SessionsByCheck = DeepCopy(_sessionsByCheck, s => new(s, s.Comparer)),
        SessionsByNode = DeepCopy(_sessionsByNode, s => new(s, s.Comparer)),
        Counters = [(ulong)_checkCount, _serviceExtinctionIndex, _nodesIndex, _servicesIndex, _checksIndex, _kvsIndex, _tombstonesIndex, _sessionsIndex],
    };

    /// <summary>Puts every table back as captured and re-arms TTL timers (restarting them from now).</summary>
    public void RestoreSnapshot(StoreSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Refill(_nodes, snapshot.Nodes);
        Refill(_servicesByNode, snapshot.ServicesByNode);
        Refill(_servicesByName, snapshot.ServicesByName);
        Refill(_checksByNode, snapshot.ChecksByNode);
        Refill(_checksByService, snapshot.ChecksByService);
        Refill(_serviceIndexes, snapshot.ServiceIndexes);
        Refill(_kv, snapshot.Kv);
        Refill(_tombstones, snapshot.Tombstones);
        Refill(_lockDelays, snapshot.LockDelays);
        Refill(_sessions, snapshot.Sessions);
        Refill(_sessionKeys, snapshot.SessionKeys);
        Refill(_sessionsByCheck, snapshot.SessionsByCheck);
        Refill(_sessionsByNode, snapshot.SessionsByNode);
        _kvKeys.Clear();
        _kvKeys.UnionWith(_kv.Keys);
        _tombstoneKeys.Clear();
        _tombstoneKeys.UnionWith(_tombstones.Keys);
        var c = snapshot.Counters;
        _checkCount = (int)c[0];
        (_serviceExtinctionIndex, _nodesIndex, _servicesIndex, _checksIndex, _kvsIndex, _tombstonesIndex, _sessionsIndex) =
            (c[1], c[2], c[3], c[4], c[5], c[6], c[7]);

        foreach (var session in _sessions.Values)
        {
            ScheduleSessionExpiry(session);
        }

        if (_checksByNode.TryGetValue(NodeName, out var agentChecks))
        {
            foreach (var check in agentChecks.Values)
            {
                TrackForReaping(check);
                if (check.Ttl is { } ttl)
                {
                    _scheduler.Schedule(CheckTimerPrefix + check.CheckID, ttl);
                }
            }
        }

        _kvDirty = _catalogDirty = _sessionsDirty = true;
    }

    private static Dictionary<TKey, TValue> DeepCopy<TKey, TValue>(Dictionary<TKey, TValue> source, Func<TValue, TValue> copy)
        where TKey : notnull
    {
        var result = new Dictionary<TKey, TValue>(source.Count, source.Comparer);
        foreach (var (key, value) in source)
        {
            result[key] = copy(value);
        }

        return result;
    }

    private static void Refill<TKey, TValue>(Dictionary<TKey, TValue> target, Dictionary<TKey, TValue> source)
        where TKey : notnull
    {
        target.Clear();
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }
}
