namespace ConsulAlerts.Consul.Sessions;

/// <summary>What to create a session with; null fields take the server defaults (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed record SessionOptions
{
    public string? Name { get; init; }

    /// <summary>Node the session belongs to; null means the agent's node.</summary>
    public string? Node { get; init; }

    /// <summary>Null means the server default of 15 s; capped at 60 s by the server.</summary>
    public TimeSpan? LockDelay { get; init; }

    public SessionBehavior Behavior { get; init; } = SessionBehavior.Release;

    /// <summary>Between 10 s and 24 h; null means no TTL.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Node checks the session depends on; null means <c>[serfHealth]</c>, empty means none (TTL only).</summary>
    public IReadOnlyList<string>? NodeChecks { get; init; }

    /// <summary>Service checks of the node the session also depends on (Consul 1.7 and later); critical ends the session.</summary>
    public IReadOnlyList<string>? ServiceChecks { get; init; }
}
