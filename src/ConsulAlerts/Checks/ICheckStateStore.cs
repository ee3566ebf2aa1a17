namespace ConsulAlerts.Checks;

/// <summary>Where the leader's tracker keeps check state.</summary>
internal interface ICheckStateStore
{
    /// <summary>Every stored check state, read consistently (a new leader must see its predecessor's last write); unreadable entries are left out.</summary>
    Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies the changes (at most <see cref="MaxBatch"/> per call, one per key), all or nothing; fails when this
    /// daemon's leadership has ended, so a deposed leader cannot overwrite its successor's state.
    /// </summary>
    Task WriteAsync(IReadOnlyList<CheckStateChange> changes, CancellationToken cancellationToken);

    /// <summary>Changes per <see cref="WriteAsync"/> call: one Consul transaction of 64 operations, one of which checks the leader's session.</summary>
    public const int MaxBatch = 63;
}
