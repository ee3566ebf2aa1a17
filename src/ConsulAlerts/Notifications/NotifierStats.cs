namespace ConsulAlerts.Notifications;

/// <summary>Delivery counters of one notifier instance, for <c>/v1/status</c>. Counts are messages, not batches.</summary>
/// <param name="Notifier">The instance name (<c>log</c>, <c>custom/&lt;name&gt;</c>, ...).</param>
/// <param name="Sent">Messages delivered.</param>
/// <param name="Failed">Messages whose delivery failed (including timeouts and a full queue).</param>
/// <param name="LastError">The last failure's description (never a secret), or null.</param>
/// <param name="LastErrorAt">When the last failure happened.</param>
/// <param name="LastSuccessAt">When the last delivery succeeded.</param>
internal sealed record NotifierStats(
    string Notifier,
    long Sent,
    long Failed,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt);
