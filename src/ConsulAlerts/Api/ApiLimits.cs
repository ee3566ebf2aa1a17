namespace ConsulAlerts.Api;

/// <summary>
/// Limits of the API that are not Kestrel's per-request ones: how many connections it holds at once and how often one
/// client may call the endpoints that change something. The defaults are far above what watch handlers, the CLI and
/// the dashboard ever need; tests lower them to prove them.
/// </summary>
internal sealed record ApiLimits
{
    /// <summary>The daemon's limits.</summary>
    public static ApiLimits Default { get; } = new();

    /// <summary>Connections open at once (any state, idle keep-alive included); a connection beyond it is closed unanswered.</summary>
    public int MaxConcurrentConnections { get; init; } = 512;

    /// <summary>Requests one client (remote address) may make to the POST, PUT and DELETE endpoints in a burst.</summary>
    public int WriteBurst { get; init; } = 100;

    /// <summary>Requests given back to a client's burst every <see cref="WriteRefillPeriod"/>.</summary>
    public int WriteRefill { get; init; } = 20;

    /// <summary>How often <see cref="WriteRefill"/> requests are given back: together 20 requests a second, sustained.</summary>
    public TimeSpan WriteRefillPeriod { get; init; } = TimeSpan.FromSeconds(1);
}
