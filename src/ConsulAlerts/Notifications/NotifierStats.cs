namespace ConsulAlerts.Notifications;

/// <summary>Delivery counters of one notifier instance, for <c>/v1/status</c> and metrics. Counts are messages, not batches.</summary>
/// <param name="Notifier">The instance name (<c>log</c>, <c>custom/&lt;name&gt;</c>, ...).</param>
/// <param name="Sent">Messages delivered.</param>
/// <param name="Failed">Messages given up on (not retryable, out of attempts, too old, or dropped for a full queue).</param>
/// <param name="Retried">Failed attempts that were retried, per message.</param>
/// <param name="Queued">Deliveries waiting for their turn (including the one being retried).</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success: above 0, the notifier is failing now.</param>
/// <param name="LastError">The last failure's description (never a secret), or null.</param>
/// <param name="LastErrorAt">When the last failure happened.</param>
/// <param name="LastSuccessAt">When the last delivery succeeded.</param>
internal sealed record NotifierStats(
    string Notifier,
    long Sent,
    long Failed,
    long Retried,
    int Queued,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt)
{
    /// <summary>
    /// Of <see cref="Queued"/>, the deliveries gathered in an open group, waiting for its group-wait to pass before
    /// they go out together; 0 when no group is open.
    /// </summary>
    public int Grouping { get; init; }

    public static NotifierStats Empty(string notifier) => new(notifier, 0, 0, 0, 0, 0, null, null, null);
}
