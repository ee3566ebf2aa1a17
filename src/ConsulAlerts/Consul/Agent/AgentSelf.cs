namespace ConsulAlerts.Consul.Agent;

/// <summary>The stable parts of <c>/v1/agent/self</c>.</summary>
internal sealed record AgentSelf
{
    public AgentConfig? Config { get; init; }

    public AgentMember? Member { get; init; }
}
