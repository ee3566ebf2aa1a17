namespace ConsulAlerts.DevAgent.Agent;

/// <summary>The <c>Member</c> object of agent/self (Serf member; Status 1 = alive).</summary>
internal sealed record AgentMember
{
    public required string Name { get; init; }

    public string Addr { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8301;

    public required Dictionary<string, string> Tags { get; init; }

    public int Status { get; init; } = 1;
}
