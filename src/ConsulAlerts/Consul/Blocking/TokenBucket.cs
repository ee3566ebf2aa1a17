namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// Paces requests: up to <c>burst</c> at once, then one per <c>interval</c>. A blocking request that waited
/// refills the bucket, so only answers that come back at once (churn, a misbehaving server) are slowed down.
/// </summary>
internal sealed class TokenBucket
{
    private readonly int _burst;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updated;

    public TokenBucket(int burst, TimeSpan interval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _burst = burst;
        _interval = interval;
        _time = time;
        _tokens = burst;
        _updated = time.GetTimestamp();
    }

    /// <summary>Takes a token and returns how long to wait before using it (zero when one was available).</summary>
    public TimeSpan Reserve()
    {
        if (_interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_updated, now);
        _updated = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed / _interval));
        _tokens -= 1;

        // A negative balance is the debt the caller pays by waiting.
        return _tokens >= 0 ? TimeSpan.Zero : _interval * -_tokens;
    }
}
