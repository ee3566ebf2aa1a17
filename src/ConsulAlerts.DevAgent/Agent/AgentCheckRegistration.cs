namespace ConsulAlerts.DevAgent.Agent;

/// <summary>A check definition for the agent endpoints (<c>Check</c>/<c>Checks</c> of a service, or check/register).</summary>
internal sealed record AgentCheckRegistration
{
    public string? ID { get; init; }

    public string? CheckID { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public string? Status { get; init; }

    public string? Output { get; init; }

    public string? ServiceID { get; init; }

    public string? TTL { get; init; }

    public string? HTTP { get; init; }

    public string? Method { get; init; }

    public string? TCP { get; init; }

    public string? UDP { get; init; }

    public string? GRPC { get; init; }

    public string[]? Args { get; init; }

    public string? Interval { get; init; }

    public string? Timeout { get; init; }

    public string? DeregisterCriticalServiceAfter { get; init; }
}
