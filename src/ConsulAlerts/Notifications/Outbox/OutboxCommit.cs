namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// The record that makes a batch whole (<c>&lt;batch&gt;/commit</c>), written after every entry of the batch, so a
/// reader never takes a batch whose writing was cut short for a complete one.
/// </summary>
internal sealed record OutboxCommit
{
    /// <summary>How many entries the batch was written with; those still present are still to deliver.</summary>
    public int Entries { get; init; }
}
