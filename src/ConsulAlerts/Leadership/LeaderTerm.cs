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
    private string? _endReason;

    public LeaderTerm(long number, string sessionId, string lockKey, DateTimeOffset since)
    {
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
