namespace ConsulAlerts.Consul.Blocking;

/// <summary>Exponential backoff with jitter for failing blocking loops.</summary>
internal static class BlockingBackoff
{
    /// <summary>
    /// <paramref name="initial"/> × 2^(failures−1), capped at <paramref name="max"/>, then shortened by up to
    /// <paramref name="jitterFraction"/> × <paramref name="random"/> so that many watchers do not retry in step.
    /// </summary>
    /// <param name="failures">Consecutive failures so far, at least 1.</param>
    /// <param name="initial">Delay after the first failure.</param>
    /// <param name="max">Upper bound before jitter.</param>
    /// <param name="jitterFraction">Share of the delay that jitter may remove, 0 to 1.</param>
    /// <param name="random">A value in [0, 1).</param>
    public static TimeSpan Compute(int failures, TimeSpan initial, TimeSpan max, double jitterFraction, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        var jitter = Math.Clamp(jitterFraction, 0, 1) * Math.Clamp(random, 0, 1);
        return TimeSpan.FromTicks((long)(ticks * (1 - jitter)));
    }
}
