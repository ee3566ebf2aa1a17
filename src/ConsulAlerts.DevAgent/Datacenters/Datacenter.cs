using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.State;

namespace ConsulAlerts.DevAgent.Datacenters;

/// <summary>One datacenter the agent serves: its own state store (indexes, blocking queries) and server set.</summary>
internal sealed class Datacenter(string name, bool isLocal, StateStore store, DevServerSet servers)
{
    public string Name { get; } = name;

    /// <summary>The agent's own datacenter; the others are reached "over the WAN".</summary>
    public bool IsLocal { get; } = isLocal;

    public StateStore Store { get; } = store;

    public DevServerSet Servers { get; } = servers;
}
