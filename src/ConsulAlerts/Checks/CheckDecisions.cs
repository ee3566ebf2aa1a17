namespace ConsulAlerts.Checks;

/// <summary>What one step of the <see cref="CheckTracker"/> (a health read, timers falling due, a load) decided.</summary>
/// <param name="Writes">State changes to store that notify nobody (pending statuses, silent changes, vanished checks), at most one per key.</param>
/// <param name="Changes">Confirmed changes to notify, each with the state that records it.</param>
/// <param name="Vanished">Checks gone from Consul: their reminders go too.</param>
/// <param name="MutedChanges">Confirmed changes that were muted: stored, not sent, their reminders removed.</param>
internal sealed record CheckDecisions(
    IReadOnlyList<CheckStateChange> Writes,
    IReadOnlyList<DecidedChange> Changes,
    IReadOnlyList<CheckInfo> Vanished,
    IReadOnlyList<MutedChange>? MutedChanges = null)
{
    /// <summary>Confirmed changes that were muted.</summary>
    public IReadOnlyList<MutedChange> Muted => MutedChanges ?? [];

    public bool IsEmpty => Writes.Count == 0 && Changes.Count == 0 && Vanished.Count == 0 && Muted.Count == 0;
}
