namespace ConsulAlerts.DevAgent.Agent;

/// <summary>Body of <c>PUT /v1/agent/check/update/:id</c>.</summary>
internal sealed record CheckUpdate
{
    public string? Status { get; init; }

    public string? Output { get; init; }
}
