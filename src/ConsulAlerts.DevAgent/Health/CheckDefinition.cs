namespace ConsulAlerts.DevAgent.Health;

/// <summary>The <c>Definition</c> object of a health check; durations are Go duration strings.</summary>
internal sealed record CheckDefinition
{
    public static CheckDefinition Empty { get; } = new();

    public string Interval { get; init; } = "0s";

    public string Timeout { get; init; } = "0s";

    public string DeregisterCriticalServiceAfter { get; init; } = "0s";

    public string HTTP { get; init; } = "";

#pragma warning disable CA1822 // Part of the JSON shape; always null here.
    public Dictionary<string, string[]>? Header => null;
#pragma warning restore CA1822

    public string Method { get; init; } = "";

    public string Body { get; init; } = "";

    public string TLSServerName { get; init; } = "";

    public bool TLSSkipVerify { get; init; }

    public string TCP { get; init; } = "";

    public string UDP { get; init; } = "";

    public string GRPC { get; init; } = "";

    public string OSService { get; init; } = "";

    public bool GRPCUseTLS { get; init; }
}
