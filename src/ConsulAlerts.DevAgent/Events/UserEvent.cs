namespace ConsulAlerts.DevAgent.Events;

/// <summary>A user event in Consul's JSON shape.</summary>
internal sealed record UserEvent
{
    public required string ID { get; init; }

    public required string Name { get; init; }

    /// <summary>Base64 in JSON, null when empty.</summary>
    public byte[]? Payload { get; init; }

    public string NodeFilter { get; init; } = "";

    public string ServiceFilter { get; init; } = "";

    public string TagFilter { get; init; } = "";

    public int Version { get; init; } = 1;

    public ulong LTime { get; init; }
}
