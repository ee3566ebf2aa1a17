namespace ConsulAlerts.DevAgent.Agent;

/// <summary>Body of <c>GET /v1/agent/self</c> (the stable parts).</summary>
internal sealed record AgentSelf(AgentConfig Config, AgentMember Member, Dictionary<string, string> Meta);
