namespace ConsulAlerts.DevAgent.State;

/// <summary>Simulated snapshot restore.</summary>
internal sealed partial class StateStore
{
    /// <summary>
    /// Makes every index go backwards, as after a snapshot restore: all stored Create/ModifyIndex values become 1, the
    /// next write gets 2, and every blocking query returns at once with the lower index.
    /// </summary>
    public void ResetIndexes()
    {
        lock (Gate)
        {
            foreach (var name in _nodes.Keys.ToArray())
            {
                _nodes[name] = _nodes[name] with { CreateIndex = 1, ModifyIndex = 1 };
            }

            foreach (var services in _servicesByNode.Values)
            {
                foreach (var id in services.Keys.ToArray())
                {
                    services[id] = services[id] with { CreateIndex = 1, ModifyIndex = 1 };
                }
            }

            foreach (var checks in _checksByNode.Values)
            {
                foreach (var id in checks.Keys.ToArray())
                {
                    checks[id] = checks[id] with { CreateIndex = 1, ModifyIndex = 1 };
                }
            }

            foreach (var key in _kv.Keys.ToArray())
            {
                _kv[key] = _kv[key] with { CreateIndex = 1, ModifyIndex = 1 };
            }

            foreach (var key in _tombstones.Keys.ToArray())
            {
                _tombstones[key] = 1;
            }

            foreach (var id in _sessions.Keys.ToArray())
            {
                _sessions[id] = _sessions[id] with { CreateIndex = 1, ModifyIndex = 1 };
            }

            _index = 1;
            _nodesIndex = _servicesIndex = _checksIndex = _kvsIndex = _tombstonesIndex = _sessionsIndex = 1;
            Interlocked.Increment(ref _generation);
            KvChanged.Notify();
            CatalogChanged.Notify();
            SessionsChanged.Notify();
        }
    }
}
