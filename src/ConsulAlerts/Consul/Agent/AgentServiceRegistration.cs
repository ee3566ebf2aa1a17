namespace ConsulAlerts.Consul.Agent;

/// <summary>The JSON body of <c>/v1/agent/service/register</c>, with the one check the daemon gives its service.</summary>
internal sealed record AgentServiceRegistration
{
    public required string ID { get; init; }

    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public AgentServiceCheck? Check { get; init; }
}
