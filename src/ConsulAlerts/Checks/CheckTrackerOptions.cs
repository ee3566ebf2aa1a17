namespace ConsulAlerts.Checks;

/// <summary>Retry pacing of the tracker's deliveries and state writes.</summary>
internal sealed record CheckTrackerOptions
{
    /// <summary>First retry delay after a failed delivery or write; doubles per failure.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// At shutdown while still leading, how long to let deliveries under way finish and be recorded before the lock is
    /// released, so the next leader neither repeats what was just sent nor waits long.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The delay before retry number <paramref name="failures"/> (1-based).</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var delay = InitialRetryDelay * Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
