namespace ConsulAlerts.Configuration;

/// <summary><c>config/events/*</c>: whether events are handled, and by which executables.</summary>
internal sealed record EventsConfig
{
    /// <summary><c>events/enabled</c>, default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>events/handlers</c>: a JSON array of executable paths.</summary>
    public IReadOnlyList<string> Handlers { get; init; } = [];
}
