using ConsulAlerts.DevAgent.Acl;
using ConsulAlerts.DevAgent.Datacenters;
using ConsulAlerts.DevAgent.Events;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.State;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>Everything the endpoints share.</summary>
internal sealed class AgentRuntime(DevAgentOptions options, StateStore store, EventBuffer events, DevAgentFaults faults, DevAgentRequestLog requests)
{
    public DevAgentOptions Options { get; } = options;

    public StateStore Store { get; } = store;

    public EventBuffer Events { get; } = events;

    public DevAgentFaults Faults { get; } = faults;

    public DevAgentRequestLog Requests { get; } = requests;

    public AclAuthorizer Acl { get; } = new(options);

    /// <summary>The agent's datacenter (whose store is <see cref="Store"/>) and the extra ones.</summary>
    public DatacenterMap Datacenters { get; } = new(options, store);

    /// <summary>The simulated servers of the agent's datacenter; by default the dev agent alone, the leader.</summary>
    public DevServerSet Servers => Datacenters.Local.Servers;

    /// <summary>Cancelled when the agent stops; ends every blocking query.</summary>
    public CancellationTokenSource Shutdown { get; } = new();
}
