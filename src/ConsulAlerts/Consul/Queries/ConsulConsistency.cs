namespace ConsulAlerts.Consul.Queries;

/// <summary>Read consistency mode of a query (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal enum ConsulConsistency
{
    /// <summary>The leader answers without a quorum check; fails with no leader.</summary>
    Default,

    /// <summary>Any server answers, even without a leader (<c>?stale</c>).</summary>
    Stale,

    /// <summary>The leader confirms quorum on every evaluation (<c>?consistent</c>).</summary>
    Consistent,
}
