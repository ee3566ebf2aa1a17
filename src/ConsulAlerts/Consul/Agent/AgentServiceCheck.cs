namespace ConsulAlerts.Consul.Agent;

/// <summary>
/// A check defined with its service (<c>CheckID</c> is this form's name for the ID; the standalone check endpoint
/// takes <c>ID</c>). Durations are Go duration strings.
/// </summary>
internal sealed record AgentServiceCheck
{
    public required string CheckID { get; init; }

    public required string Name { get; init; }

    public string? Notes { get; init; }

    public string? TTL { get; init; }

    /// <summary>The status it starts with; Consul's default is critical.</summary>
    public string? Status { get; init; }

    /// <summary>After this long critical, the agent removes the service and its checks (one minute at least).</summary>
    public string? DeregisterCriticalServiceAfter { get; init; }
}
