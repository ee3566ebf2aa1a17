using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Kv;
using ConsulAlerts.DevAgent.Sessions;

namespace ConsulAlerts.DevAgent.State;

/// <summary>A copy of every table, taken before a transaction that touches the catalog so that it can be rolled back.</summary>
internal sealed class StoreSnapshot
{
    public required Dictionary<string, NodeEntry> Nodes { get; init; }

    public required Dictionary<string, Dictionary<string, ServiceEntry>> ServicesByNode { get; init; }

    public required Dictionary<string, HashSet<(string Node, string ServiceId)>> ServicesByName { get; init; }

    public required Dictionary<string, Dictionary<string, HealthCheck>> ChecksByNode { get; init; }

    public required Dictionary<(string Node, string ServiceId), HashSet<string>> ChecksByService { get; init; }

    public required Dictionary<string, ulong> ServiceIndexes { get; init; }

    public required Dictionary<string, KvEntry> Kv { get; init; }

    public required Dictionary<string, ulong> Tombstones { get; init; }

    public required Dictionary<string, DateTimeOffset> LockDelays { get; init; }

    public required Dictionary<string, SessionEntry> Sessions { get; init; }

    public required Dictionary<string, HashSet<string>> SessionKeys { get; init; }

    public required Dictionary<(string Node, string CheckId), HashSet<string>> SessionsByCheck { get; init; }

    public required Dictionary<string, HashSet<string>> SessionsByNode { get; init; }

    /// <summary>checkCount, serviceExtinction, nodes, services, checks, kvs, tombstones, sessions.</summary>
    public required ulong[] Counters { get; init; }
}
