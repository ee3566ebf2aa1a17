namespace ConsulAlerts.Notifications.Outbox;

/// <summary>What a load of the outbox found.</summary>
/// <param name="Entries">The entries of committed batches still to deliver, in decision order.</param>
/// <param name="Leftovers">
/// Ids to clean up: batches never committed (a write cut short; the decision is made again from the check state),
/// and commit records whose entries are all done. An id ending in <c>/</c> stands for everything below it.
/// </param>
internal sealed record OutboxContents(IReadOnlyList<OutboxEntry> Entries, IReadOnlyList<string> Leftovers)
{
    public static OutboxContents Empty { get; } = new([], []);
}
