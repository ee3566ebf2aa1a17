namespace ConsulAlerts.Consul.Blocking;

/// <summary>How a blocking loop compares indexes (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal enum BlockingIndexMode
{
    /// <summary>Raft indexes: ordered; a lower index means a reset, so the next request uses 0.</summary>
    Raft,

    /// <summary><c>/v1/event/list</c>: the index is a hash of the last event ID; only equality means anything.</summary>
    Equality,
}
