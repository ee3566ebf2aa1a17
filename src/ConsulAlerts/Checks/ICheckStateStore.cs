namespace ConsulAlerts.Checks;

/// <summary>Where the tracker keeps check state; only the leader gets one, so a standby tracks in memory only.</summary>
internal interface ICheckStateStore
{
    /// <summary>Every stored check state; unreadable entries are left out.</summary>
    Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Applies the changes (at most <see cref="MaxBatch"/> per call, one per key), all or nothing.</summary>
    Task WriteAsync(IReadOnlyList<CheckStateChange> changes, CancellationToken cancellationToken);

    /// <summary>Changes per <see cref="WriteAsync"/> call: one Consul transaction.</summary>
    public const int MaxBatch = 64;
}
