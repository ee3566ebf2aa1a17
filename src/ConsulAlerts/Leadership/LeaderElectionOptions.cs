namespace ConsulAlerts.Leadership;

/// <summary>Timing of the leader election (docs/ARCHITECTURE.md, "Consul's API"); the defaults suit a fleet, tests shorten them.</summary>
internal sealed record LeaderElectionOptions
{
    /// <summary>The Consul lock flag value, as the Go client's <c>api.Lock</c> writes it, so either daemon recognises the key.</summary>
    public const ulong LockFlagValue = 0x2ddccbc058a50c18;

    /// <summary>TTL of the session (10 s to 24 h); renewed at half of what the server reports.</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TTL of the agent check the session depends on (<see cref="LeaderLeaseCheck"/>), passed every quarter of it;
    /// zero leaves the session on its own TTL. A crashed or stalled leader's session ends this long after its last pass.
    /// </summary>
    public TimeSpan CheckTtl { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Lock-delay of the session (0 to 60 s). Short, because every leader-only write is fenced by a
    /// <c>check-session</c> guard and a leader stops sending once its lease is unconfirmed (docs/ARCHITECTURE.md, "Leadership").
    /// </summary>
    public TimeSpan LockDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before retrying an acquire that lock-delay refused; a shorter lock-delay is waited out instead.</summary>
    public TimeSpan LockRetryTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>wait</c> of each blocking read of the lock key, as standby and as leader.</summary>
    public TimeSpan LockWaitTime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Pause between renew attempts after a failed one, until the TTL has passed since the last success.</summary>
    public TimeSpan RenewRetryTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause after a Consul error; doubled per consecutive error with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff cap while Consul is merely unreachable (see <see cref="Consul.Http.ConsulReachability"/>): it comes back by itself.</summary>
    public TimeSpan UnreachableMaxBackoff { get; init; } = Consul.Http.ConsulReachability.RetryCap;

    /// <summary>Upper bound on releasing the lock and destroying the session at shutdown, so a dead Consul cannot hold up exit.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait after lock-delay refused an acquire: the lock-delay itself (at least 250 ms), at most <see cref="LockRetryTime"/>.</summary>
    public TimeSpan LockDelayRetry =>
        TimeSpan.FromTicks(Math.Min(LockRetryTime.Ticks, Math.Max(LockDelay.Ticks, TimeSpan.FromMilliseconds(250).Ticks)));

    /// <summary>How often the leader check is passed: four times per TTL, so one late pass does not end a term.</summary>
    public TimeSpan CheckPassInterval => CheckTtl / 4;

    /// <summary>
    /// The delay after <paramref name="failures"/> consecutive errors: the blocking loops' backoff, shortened by up to
    /// 20 % jitter, and capped at <see cref="UnreachableMaxBackoff"/> when the last error says Consul is unreachable.
    /// </summary>
    public TimeSpan Backoff(int failures, double jitter, Exception? error = null) =>
        Resilience.Backoff.Exponential(
            Math.Max(failures, 1),
            MinBackoff,
            error is not null && Consul.Http.ConsulReachability.IsUnreachableError(error) && UnreachableMaxBackoff < MaxBackoff ? UnreachableMaxBackoff : MaxBackoff,
            jitter,
            jitterFraction: 0.2);
}
