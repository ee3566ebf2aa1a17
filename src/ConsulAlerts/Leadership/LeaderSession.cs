namespace ConsulAlerts.Leadership;

/// <summary>
/// A Consul session this daemon created for the election, with the TTL the server last reported. Invalidated (for
/// good) when a renew finds it gone or cannot reach Consul for a whole TTL; a new session replaces it.
/// </summary>
#pragma warning disable CA1001 // The source has no timer; its token is read by work that may outlive the owner, so it is never disposed.
internal sealed class LeaderSession(string id, TimeSpan ttl)
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _invalidated = new();
    private string? _reason;

    public string Id { get; } = id;

    /// <summary>The TTL the server last reported (it may raise the one asked for).</summary>
    public TimeSpan Ttl { get; set; } = ttl;

    /// <summary>Cancelled when the session can no longer be trusted.</summary>
    public CancellationToken Invalidated => _invalidated.Token;

    public bool IsInvalidated => _invalidated.IsCancellationRequested;

    public string Reason => Volatile.Read(ref _reason) ?? "";

    public void Invalidate(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            _invalidated.Cancel();
        }
    }
}
