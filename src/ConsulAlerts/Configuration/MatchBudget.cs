namespace ConsulAlerts.Configuration;

/// <summary>
/// The pattern-matching time one API request may spend: <c>/v1/health/wildcard</c> and <c>/v1/dashboard</c> check
/// every tracked check against the blacklist, and results are cached per name, but a request that finds the cache cold
/// stops evaluating once its budget is spent; the names left undecided count as matched (fail closed) for that
/// request only and are not cached. Only the time spent in patterns counts.
/// </summary>
internal sealed class MatchBudget(TimeSpan limit, TimeProvider time)
{
    /// <summary>What one API request may spend in patterns.</summary>
    public static readonly TimeSpan PerRequest = TimeSpan.FromMilliseconds(250);

    private long _spentTicks;

    /// <summary>A budget for one API request.</summary>
    public static MatchBudget ForRequest(TimeProvider time) => new(PerRequest, time);

    public bool Exhausted => Interlocked.Read(ref _spentTicks) >= limit.Ticks;

    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="name"/>, its time charged to the budget.</summary>
    public bool IsMatch(ConfiguredPattern pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var start = time.GetTimestamp();
        try
        {
            return pattern.IsMatch(name);
        }
        finally
        {
            Interlocked.Add(ref _spentTicks, time.GetElapsedTime(start).Ticks);
        }
    }
}
