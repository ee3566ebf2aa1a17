namespace ConsulAlerts.DevAgent.Http;

/// <summary>Whether an endpoint is served by the servers (leader headers, NoLeader fault) or by the local agent.</summary>
internal enum RouteKind
{
    /// <summary>Answered by the servers: needs a leader unless read with <c>?stale</c>.</summary>
    Server,

    /// <summary>Answered by the leader alone (autopilot): needs a leader even with <c>?stale</c>.</summary>
    Leader,

    /// <summary>Answered by the local agent: works without a leader, no leader headers.</summary>
    Agent,

    /// <summary>Status endpoints and the datacenter list: no ACL check, no leader needed.</summary>
    Status,
}
