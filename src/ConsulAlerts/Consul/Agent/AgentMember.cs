namespace ConsulAlerts.Consul.Agent;

/// <summary>The <c>Member</c> section of <c>/v1/agent/self</c>; <see cref="Status"/> 1 means alive.</summary>
internal sealed record AgentMember
{
    public string Name { get; init; } = "";

    public string Addr { get; init; } = "";

    public int Port { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public int Status { get; init; }
}
