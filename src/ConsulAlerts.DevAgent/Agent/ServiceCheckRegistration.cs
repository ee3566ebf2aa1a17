namespace ConsulAlerts.DevAgent.Agent;

/// <summary>
/// A check in the <c>Check</c>/<c>Checks</c> of <c>PUT /v1/agent/service/register</c> (Consul 1.10's CheckType): the
/// check's ID is <c>CheckID</c>; any field not listed here, <c>ID</c> and <c>Output</c> included, is refused.
/// </summary>
internal sealed record ServiceCheckRegistration
{
    public string? CheckID { get; init; }

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

    /// <summary>The same definition as a stand-alone check takes it.</summary>
    public AgentCheckRegistration ToCheckRegistration() => new()
    {
        ID = CheckID,
        Name = Name,
        Notes = Notes,
        ServiceID = ServiceID,
        Status = Status,
        Args = Args,
        HTTP = HTTP,
        Header = Header,
        Method = Method,
        Body = Body,
        TCP = TCP,
        GRPC = GRPC,
        GRPCUseTLS = GRPCUseTLS,
        H2PING = H2PING,
        TLSServerName = TLSServerName,
        TLSSkipVerify = TLSSkipVerify,
        DockerContainerID = DockerContainerID,
        Shell = Shell,
        AliasNode = AliasNode,
        AliasService = AliasService,
        Interval = Interval,
        Timeout = Timeout,
        TTL = TTL,
        DeregisterCriticalServiceAfter = DeregisterCriticalServiceAfter,
        SuccessBeforePassing = SuccessBeforePassing,
        FailuresBeforeCritical = FailuresBeforeCritical,
        OutputMaxSize = OutputMaxSize,
    };
}
