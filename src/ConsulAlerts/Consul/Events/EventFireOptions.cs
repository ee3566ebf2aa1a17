namespace ConsulAlerts.Consul.Events;

/// <summary>Regex filters choosing which agents act on a fired event.</summary>
internal sealed record EventFireOptions
{
    public string? NodeFilter { get; init; }

    public string? ServiceFilter { get; init; }

    public string? TagFilter { get; init; }
}
