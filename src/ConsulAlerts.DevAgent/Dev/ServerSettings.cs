namespace ConsulAlerts.DevAgent.Dev;

/// <summary>One server of <c>/_dev/servers</c>; Healthy and Voter default to true, ID to one derived from the name.</summary>
internal sealed record ServerSettings
{
    public string? Name { get; init; }

    public string? Address { get; init; }

    public bool? Healthy { get; init; }

    public bool? Voter { get; init; }

    public string? ID { get; init; }
}
