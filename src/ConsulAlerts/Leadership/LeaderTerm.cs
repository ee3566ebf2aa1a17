using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Leadership;

/// <summary>
/// One continuous period of leadership. <see cref="Token"/> is cancelled the moment leadership is lost or given up;
/// leader work runs under it, and state written during the term carries <see cref="Guard"/> so Consul rejects a
/// write from a leader that has already been replaced. Never disposed: work that outlives the term may still read the token.
/// </summary>
#pragma warning disable CA1001 // The source has no timer; its token is read by work that may outlive the owner, so it is never disposed.
internal sealed class LeaderTerm
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _lost = new();
    private readonly Func<bool>? _lease;
    private string? _endReason;

    /// <param name="number">The term's number in this process.</param>
    /// <param name="sessionId">The session holding the lock.</param>
    /// <param name="lockKey">The lock key.</param>
    /// <param name="since">When the term began.</param>
    /// <param name="lease">Whether the session's lease still holds, ending the term when it does not; null: always.</param>
    public LeaderTerm(long number, string sessionId, string lockKey, DateTimeOffset since, Func<bool>? lease = null)
    {
        _lease = lease;
        Number = number;
        SessionId = sessionId;
        LockKey = lockKey;
        Since = since;
        Guard = TxnOperation.KvCheckSession(lockKey, sessionId);
    }

    /// <summary>1 for this process's first term, then counting up.</summary>
    public long Number { get; }

    public string SessionId { get; }

    public string LockKey { get; }

    public DateTimeOffset Since { get; }

    /// <summary>A transaction operation that fails unless the lock key is still held by this term's session.</summary>
    public TxnOperation Guard { get; }

    /// <summary>Cancelled when the term ends.</summary>
    public CancellationToken Token => _lost.Token;

    public bool IsOver => _lost.IsCancellationRequested;

    /// <summary>
    /// Whether the term still lasts, judged now: false once it has ended, or when the session's lease has run out (a
    /// stalled daemon resuming), which ends it here, before the caller acts. Ask before anything that cannot be fenced
    /// by <see cref="Guard"/>, such as sending a notification.
    /// </summary>
    public bool Holds() => !IsOver && (_lease is null || _lease()) && !IsOver;

    /// <summary>Why the term ended; null while it lasts.</summary>
    public string? EndReason => Volatile.Read(ref _endReason);

    /// <summary>Ends the term; the first reason wins. Returns false when it had already ended.</summary>
    public bool End(string reason)
    {
        if (Interlocked.CompareExchange(ref _endReason, reason, null) is not null)
        {
            return false;
        }

        _lost.Cancel();
        return true;
    }
}
