namespace ConsulAlerts.Resilience;

/// <summary>The pacing of one named retry pipeline.</summary>
/// <param name="Name">The pipeline's name, also used in logs (<c>state-writer</c>).</param>
/// <param name="Initial">The wait after the first failure.</param>
/// <param name="Max">The longest wait.</param>
/// <param name="UnreachableMax">The longest wait while Consul is merely unreachable: it comes back by itself, and the wait also ends the moment any request gets an answer.</param>
/// <param name="JitterFraction">The share of each wait that jitter may remove.</param>
internal sealed record RetryProfile(string Name, TimeSpan Initial, TimeSpan Max, TimeSpan UnreachableMax, double JitterFraction = 0.2)
{
    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based) with <paramref name="error"/>.</summary>
    public TimeSpan Delay(int attempt, Exception? error, double random) =>
        Backoff.Exponential(attempt, Initial, error is not null && Consul.Http.ConsulReachability.IsUnreachableError(error) && UnreachableMax < Max ? UnreachableMax : Max, random, JitterFraction);
}
