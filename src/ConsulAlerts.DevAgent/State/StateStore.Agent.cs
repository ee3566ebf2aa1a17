using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.State;

/// <summary>The agent's own services and checks, including TTL expiry. Anti-entropy is immediate here.</summary>
internal sealed partial class StateStore
{
    public void RegisterAgentService(ulong index, ServiceEntry service, IReadOnlyList<HealthCheck> checks, bool replaceExistingChecks)
    {
        EnsureService(index, NodeName, service);
        if (replaceExistingChecks && _checksByService.TryGetValue((NodeName, service.ID), out var existing))
        {
            var keep = checks.Select(c => c.CheckID).ToHashSet(StringComparer.Ordinal);
            foreach (var checkId in existing.Where(c => !keep.Contains(c)).ToArray())
            {
                DeleteCheck(index, NodeName, checkId);
            }
        }

        foreach (var check in checks)
        {
            // A service (re-)registration keeps the current status and output of checks that already exist, as the
            // agent restores them from its check-state snapshot.
            var current = GetCheck(NodeName, check.CheckID);
            RegisterAgentCheck(index, current is null ? check : check with { Status = current.Status, Output = current.Output });
        }
    }

    /// <summary>Adds or replaces a check of the agent's node (critical unless a status is given); TTL checks start their expiry timer.</summary>
    public void RegisterAgentCheck(ulong index, HealthCheck check)
    {
        if (check.Status.Length == 0)
        {
            check = check with { Status = HealthStatus.Critical };
        }

        EnsureCheck(index, check with { Node = NodeName });
        TrackForReaping(check);
        if (check.Ttl is { } ttl)
        {
            _scheduler.Schedule(CheckTimerPrefix + check.CheckID, ttl);
        }
        else
        {
            _scheduler.Cancel(CheckTimerPrefix + check.CheckID);
        }
    }

    /// <summary>pass/warn/fail/update of a TTL check: sets status and output and restarts the TTL.</summary>
    public HealthCheck UpdateTtlCheck(ulong index, string checkId, string status, string output)
    {
        // Consul answers an unknown check as it answers one without a TTL.
        var check = GetCheck(NodeName, checkId);
        if (check?.Ttl is not { } ttl)
        {
            throw new ConsulHttpException(500, $"CheckID \"{checkId}\" does not have associated TTL");
        }

        EnsureCheck(index, check with { Status = status, Output = output });
        TrackForReaping(check with { Status = status });
        _scheduler.Schedule(CheckTimerPrefix + checkId, ttl);
        return GetCheck(NodeName, checkId)!;
    }

    public void DeregisterAgentService(ulong index, string serviceId)
    {
        // Removing a service the agent does not have is a no-op that succeeds, as on Consul 1.10.
        DeleteService(index, NodeName, serviceId);
    }

    public Dictionary<string, HealthCheck> AgentChecks()
    {
        var result = new Dictionary<string, HealthCheck>(StringComparer.Ordinal);
        if (_checksByNode.TryGetValue(NodeName, out var checks))
        {
            foreach (var id in checks.Keys.Order(StringComparer.Ordinal))
            {
                // serfHealth lives only in the catalog (the servers maintain it); an agent's local state never lists it.
                if (id == SerfHealthCheckId)
                {
                    continue;
                }

                result[id] = checks[id];
            }
        }

        return result;
    }

    private bool ExpireTtlCheck(ulong index, string checkId)
    {
        var check = GetCheck(NodeName, checkId);
        if (check?.Ttl is null)
        {
            return false;
        }

        const string Prefix = "TTL expired";
        var output = check.Output.Length == 0 || check.Output.StartsWith(Prefix, StringComparison.Ordinal)
            ? check.Output.Length == 0 ? Prefix : check.Output
            : $"{Prefix} (last output before timeout follows): {check.Output}";
        TrackForReaping(check with { Status = HealthStatus.Critical });
        return EnsureCheck(index, check with { Status = HealthStatus.Critical, Output = output });
    }
}
