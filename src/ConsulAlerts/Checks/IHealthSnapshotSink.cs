namespace ConsulAlerts.Checks;

/// <summary>Takes each complete health snapshot the <see cref="HealthWatcher"/> reads.</summary>
internal interface IHealthSnapshotSink
{
    /// <summary>Every check Consul knows, as of one read; must not block on I/O.</summary>
    void Apply(IReadOnlyList<CheckInfo> checks);
}
