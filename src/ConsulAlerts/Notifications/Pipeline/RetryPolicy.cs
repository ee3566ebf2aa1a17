namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// How a notifier instance retries retryable failures: attempt <c>n</c> (1-based) waits
/// <c>min(BaseDelay × 2^(n-1), MaxDelay)</c>, with full jitter on the upper half, before attempt <c>n+1</c>; a
/// vendor's <c>Retry-After</c> is honoured when longer. The delivery is given up (a permanent failure) after
/// <see cref="MaxAttempts"/> attempts or once it is older than <see cref="MaxAge"/>, whichever comes first.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included; null for no limit but <see cref="MaxAge"/>.</param>
/// <param name="BaseDelay">The wait after the first failed attempt.</param>
/// <param name="MaxDelay">The longest wait between two attempts.</param>
/// <param name="MaxAge">How long after it was decided a delivery is still attempted.</param>
internal sealed record RetryPolicy(int? MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxAge)
{
    /// <summary>Every notifier's default: retry for up to 24 hours, waits from 1 s doubling up to 1 min.</summary>
    public static RetryPolicy Default { get; } = new(null, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
}
