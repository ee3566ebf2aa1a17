using ConsulAlerts.Resilience;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>The wait before the next attempt of a delivery (see <see cref="RetryPolicy"/>).</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): <c>min(BaseDelay × 2^(attempt-1), MaxDelay)</c>,
    /// jittered uniformly over its upper half so that instances failing together do not retry together, and never
    /// shorter than the vendor's <paramref name="retryAfter"/> (capped at MaxDelay × 10, so a bogus header cannot
    /// park a notifier for days).
    /// </summary>
    /// <param name="policy">The instance's retry policy.</param>
    /// <param name="attempt">The attempt that failed, 1-based.</param>
    /// <param name="retryAfter">The vendor's <c>Retry-After</c>, if any.</param>
    /// <param name="jitter">A number in [0, 1): 0 gives half the exponential delay, values near 1 the whole.</param>
    public static TimeSpan Delay(RetryPolicy policy, int attempt, TimeSpan? retryAfter, double jitter)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // The daemon's one formula, with jitter over the upper half: 0 gives half the exponential delay, values near 1 the whole.
        var delay = Backoff.Exponential(attempt, policy.BaseDelay, policy.MaxDelay, 1 - Math.Clamp(jitter, 0, 1), jitterFraction: 0.5);
        if (retryAfter is { } asked && asked > delay)
        {
            var limit = policy.MaxDelay * 10;
            delay = asked < limit ? asked : limit;
        }

        return delay;
    }
}
