using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Sessions;

namespace ConsulAlerts.DevAgent.State;

/// <summary>Sessions: creation against health checks, TTL, and invalidation that releases or deletes held keys.</summary>
internal sealed partial class StateStore
{
    private readonly Dictionary<string, SessionEntry> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _sessionKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string CheckId), HashSet<string>> _sessionsByCheck = [];
    private readonly Dictionary<string, HashSet<string>> _sessionsByNode = new(StringComparer.Ordinal);

    public ulong SessionsIndex => Math.Max(_sessionsIndex, 1);

    public SessionEntry CreateSession(ulong index, SessionEntry spec)
    {
        if (!_nodes.ContainsKey(spec.Node))
        {
            throw new ConsulHttpException(500, "apply failed: Missing node registration");
        }

        var checkIds = spec.NodeChecks.Concat(spec.ServiceChecks?.Select(c => c.ID) ?? []).Distinct().ToArray();
        foreach (var checkId in checkIds)
        {
            var check = GetCheck(spec.Node, checkId)
                ?? throw new ConsulHttpException(500, $"apply failed: Missing check '{checkId}' registration");
            if (check.Status == HealthStatus.Critical)
            {
                throw new ConsulHttpException(500, $"Check '{checkId}' is in critical state");
            }
        }

        var session = spec with { CreateIndex = index, ModifyIndex = index };
        _sessions[session.ID] = session;
        foreach (var checkId in checkIds)
        {
            GetOrAdd(_sessionsByCheck, (session.Node, checkId)).Add(session.ID);
        }

        GetOrAdd(_sessionsByNode, session.Node).Add(session.ID);
        _sessionsIndex = index;
        _sessionsDirty = true;
        ScheduleSessionExpiry(session);
        return session;
    }

    /// <summary>Restarts a session's TTL; null when the session does not exist.</summary>
    public SessionEntry? RenewSession(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        ScheduleSessionExpiry(session);
        return session;
    }

    public SessionEntry? GetSession(string id) => _sessions.GetValueOrDefault(id);

    public List<SessionEntry> Sessions() => [.. _sessions.Values.OrderBy(s => s.ID, StringComparer.Ordinal)];

    public List<SessionEntry> NodeSessions(string nodeName) =>
        _sessionsByNode.TryGetValue(nodeName, out var ids)
            ? [.. ids.Order(StringComparer.Ordinal).Select(id => _sessions[id])]
            : [];

    /// <summary>
    /// Destroys a session (destroy, TTL expiry, failing check, node removal). Held keys are released with a lock-delay, or
    /// deleted for behavior <c>delete</c>.
    /// </summary>
    public bool InvalidateSession(ulong index, string id)
    {
        if (!_sessions.Remove(id, out var session))
        {
            return false;
        }

        _scheduler.Cancel(SessionTimerPrefix + id);
        foreach (var checkId in session.NodeChecks.Concat(session.ServiceChecks?.Select(c => c.ID) ?? []))
        {
            if (_sessionsByCheck.TryGetValue((session.Node, checkId), out var set) && set.Remove(id) && set.Count == 0)
            {
                _sessionsByCheck.Remove((session.Node, checkId));
            }
        }

        if (_sessionsByNode.TryGetValue(session.Node, out var nodeSessions) && nodeSessions.Remove(id) && nodeSessions.Count == 0)
        {
            _sessionsByNode.Remove(session.Node);
        }

        if (_sessionKeys.Remove(id, out var keys))
        {
            var lockDelay = TimeSpan.FromTicks(session.LockDelay / 100);
            var now = Time.GetUtcNow();
            foreach (var key in keys.ToArray())
            {
                if (session.Behavior == SessionBehavior.Delete)
                {
                    KvDelete(index, key);
                }
                else
                {
                    PutEntry(_kv[key] with { Session = null, ModifyIndex = index });
                    _kvsIndex = index;
                    _kvDirty = true;
                    if (lockDelay > TimeSpan.Zero)
                    {
                        _lockDelays[key] = now + lockDelay;
                    }
                }
            }
        }

        _sessionsIndex = index;
        _sessionsDirty = true;
        return true;
    }

    private void InvalidateSessionsOfCheck(ulong index, string nodeName, string checkId)
    {
        if (_sessionsByCheck.TryGetValue((nodeName, checkId), out var ids))
        {
            foreach (var id in ids.ToArray())
            {
                InvalidateSession(index, id);
            }
        }
    }

    private void InvalidateSessionsOfNode(ulong index, string nodeName)
    {
        if (_sessionsByNode.TryGetValue(nodeName, out var ids))
        {
            foreach (var id in ids.ToArray())
            {
                InvalidateSession(index, id);
            }
        }
    }

    private void ScheduleSessionExpiry(SessionEntry session)
    {
        if (session.TtlValue > TimeSpan.Zero)
        {
            _scheduler.Schedule(SessionTimerPrefix + session.ID, session.TtlValue * SessionTtlMultiplier);
        }
    }
}
