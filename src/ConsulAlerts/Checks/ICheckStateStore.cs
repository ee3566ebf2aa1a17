namespace ConsulAlerts.Checks;

/// <summary>Where the leader's tracker keeps check state.</summary>
internal interface ICheckStateStore
{
    /// <summary>Every stored check state, read consistently (a new leader must see its predecessor's last write); unreadable entries are left out.</summary>
    Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies the changes (at most <see cref="MaxBatch"/> per call, one per key) in as few transactions as Consul's
    /// limits allow; fails when this daemon's leadership has ended, so a deposed leader cannot overwrite its
    /// successor's state. A failure part-way may leave some changes applied: writing the same changes again is harmless.
    /// </summary>
    /// <returns>The keys whose state Consul cannot store (over its size limits); they were left out, the rest written.</returns>
    Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<CheckStateChange> changes, CancellationToken cancellationToken);

    /// <summary>Changes per <see cref="WriteAsync"/> call: as many as one Consul transaction of 64 operations holds beside the leader's session check.</summary>
    public const int MaxBatch = 63;
}
