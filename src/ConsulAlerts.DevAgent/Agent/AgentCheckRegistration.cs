namespace ConsulAlerts.DevAgent.Agent;

/// <summary>
/// Body of <c>PUT /v1/agent/check/register</c> (Consul 1.10's CheckDefinition): the check's ID is <c>ID</c>; any field
/// not listed here, <c>CheckID</c> and <c>Output</c> included, is refused.
/// </summary>
internal sealed record AgentCheckRegistration
{
    public string? ID { get; init; }

    public string? Token { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public string? ServiceID { get; init; }

    public string? Status { get; init; }

    public string[]? Args { get; init; }

    public string? HTTP { get; init; }

    public Dictionary<string, string[]>? Header { get; init; }

    public string? Method { get; init; }

    public string? Body { get; init; }

    public string? TCP { get; init; }

    public string? GRPC { get; init; }

    public bool GRPCUseTLS { get; init; }

    public string? H2PING { get; init; }

    public string? TLSServerName { get; init; }

    public bool TLSSkipVerify { get; init; }

    public string? DockerContainerID { get; init; }

    public string? Shell { get; init; }

    public string? AliasNode { get; init; }

    public string? AliasService { get; init; }

    public string? Interval { get; init; }

    public string? Timeout { get; init; }

    public string? TTL { get; init; }

    public string? DeregisterCriticalServiceAfter { get; init; }

    public int SuccessBeforePassing { get; init; }

    public int FailuresBeforeCritical { get; init; }

    public int OutputMaxSize { get; init; }
}
