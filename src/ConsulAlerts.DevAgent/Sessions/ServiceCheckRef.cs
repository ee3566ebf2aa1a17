namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>A service check a session depends on.</summary>
internal sealed record ServiceCheckRef
{
    public string ID { get; init; } = "";

    public string Namespace { get; init; } = "";
}
