namespace ConsulAlerts.Checks;

/// <summary>Takes each complete health snapshot the <see cref="HealthWatcher"/> reads.</summary>
internal interface IHealthSnapshotSink
{
    /// <summary>Every check Consul knows, as of one read; must not block on I/O.</summary>
    void Apply(IReadOnlyList<CheckInfo> checks);

    /// <summary>
    /// Consul has just answered the health read and the snapshot last applied is its current answer (called after
    /// every successful read, changed or not): a view is fresh from here on.
    /// </summary>
    void Confirm();
}
