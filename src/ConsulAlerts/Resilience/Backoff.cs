namespace ConsulAlerts.Resilience;

/// <summary>
/// The one backoff formula of the daemon: exponential, capped, with jitter. Every retry pipeline
/// (<see cref="RetryPipelines"/>), the blocking loops and the delivery retries compute their waits here.
/// </summary>
internal static class Backoff
{
    /// <summary>
    /// <paramref name="initial"/> × 2^(attempt−1), capped at <paramref name="max"/>, then shortened by up to
    /// <paramref name="jitterFraction"/> × <paramref name="random"/>, so that many loops failing together do not
    /// retry in step.
    /// </summary>
    /// <param name="attempt">The failed attempt, 1-based.</param>
    /// <param name="initial">The wait after the first failure.</param>
    /// <param name="max">The longest wait, before jitter.</param>
    /// <param name="random">A value in [0, 1).</param>
    /// <param name="jitterFraction">The share of the wait that jitter may remove, 0 to 1.</param>
    public static TimeSpan Exponential(int attempt, TimeSpan initial, TimeSpan max, double random, double jitterFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        var jitter = Math.Clamp(jitterFraction, 0, 1) * Math.Clamp(random, 0, 1);
        return TimeSpan.FromTicks((long)(ticks * (1 - jitter)));
    }
}
