namespace ConsulAlerts.Leadership;

/// <summary>
/// A Consul session this daemon created for the election, with the TTL the server last reported. Invalidated (for
/// good) when a renew finds it gone or cannot reach Consul for a whole TTL; a new session replaces it.
/// <para>
/// It also keeps the lease: the latest moment up to which Consul cannot have ended the session, from what this daemon
/// last had confirmed (a renew bounds it by the TTL, a check pass by the check's TTL), measured from when each request
/// was sent. A daemon that stalls (a long GC pause, SIGSTOP) finds its lease run out when it resumes, before anything
/// else it does reaches Consul or a notifier.
/// </para>
/// </summary>
#pragma warning disable CA1001 // The source has no timer; its token is read by work that may outlive the owner, so it is never disposed.
internal sealed class LeaderSession
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _invalidated = new();
    private readonly TimeProvider _time;
    private string? _reason;
    private long _renewed;
    private long _passed;

    /// <param name="id">The session's ID.</param>
    /// <param name="ttl">The TTL asked for.</param>
    /// <param name="created">When the create request was sent (<see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="checkPassed">When the last pass of the check before the session was created was sent.</param>
    /// <param name="checkId">The agent check the session depends on; null for a session on its TTL alone.</param>
    /// <param name="checkTtl">That check's TTL.</param>
    /// <param name="timeProvider">Clock of the lease.</param>
    public LeaderSession(string id, TimeSpan ttl, long created, long checkPassed, string? checkId, TimeSpan checkTtl, TimeProvider timeProvider)
    {
        Id = id;
        Ttl = ttl;
        CheckId = checkId;
        CheckTtl = checkTtl;
        _time = timeProvider;
        _renewed = created;
        _passed = checkPassed;
    }

    public string Id { get; }

    /// <summary>The TTL the server last reported (it may raise the one asked for).</summary>
    public TimeSpan Ttl { get; set; }

    /// <summary>The agent check whose critical status ends the session; null when there is none.</summary>
    public string? CheckId { get; }

    public TimeSpan CheckTtl { get; }

    /// <summary>Cancelled when the session can no longer be trusted.</summary>
    public CancellationToken Invalidated => _invalidated.Token;

    public bool IsInvalidated => _invalidated.IsCancellationRequested;

    public string Reason => Volatile.Read(ref _reason) ?? "";

    /// <summary>A renew sent at <paramref name="sent"/> succeeded.</summary>
    public void Renewed(long sent) => Advance(ref _renewed, sent);

    /// <summary>A pass of the check sent at <paramref name="sent"/> succeeded.</summary>
    public void Passed(long sent) => Advance(ref _passed, sent);

    /// <summary>How long ago the oldest confirmation that still matters was sent, against what it is good for.</summary>
    public string LeaseState()
    {
        var renewed = _time.GetElapsedTime(Interlocked.Read(ref _renewed));
        return CheckId is null
            ? $"last renewed {renewed.TotalSeconds:0.#} s ago (TTL {Ttl.TotalSeconds:0.#} s)"
            : $"last renewed {renewed.TotalSeconds:0.#} s ago (TTL {Ttl.TotalSeconds:0.#} s), check last passed {_time.GetElapsedTime(Interlocked.Read(ref _passed)).TotalSeconds:0.#} s ago (TTL {CheckTtl.TotalSeconds:0.#} s)";
    }

    /// <summary>Whether Consul cannot yet have ended the session by its TTL or by its check turning critical.</summary>
    public bool LeaseHolds() =>
        !IsInvalidated
        && _time.GetElapsedTime(Interlocked.Read(ref _renewed)) < Ttl
        && (CheckId is null || _time.GetElapsedTime(Interlocked.Read(ref _passed)) < CheckTtl);

    public void Invalidate(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            _invalidated.Cancel();
        }
    }

    private static void Advance(ref long field, long sent)
    {
        var seen = Interlocked.Read(ref field);
        while (sent > seen && Interlocked.CompareExchange(ref field, sent, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
