namespace ConsulAlerts.Checks;

/// <summary>Where a new leader reads the check state its predecessors stored (written by the state writer).</summary>
internal interface ICheckStateStore
{
    /// <summary>Every stored check state, read consistently (a new leader must see its predecessor's last write); unreadable entries are left out.</summary>
    Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken);
}
