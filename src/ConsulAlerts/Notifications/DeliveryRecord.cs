namespace ConsulAlerts.Notifications;

/// <summary>One delivery in <see cref="DeliveryHistory"/>.</summary>
/// <param name="At">When its last attempt ended.</param>
/// <param name="Notifier">The notifier instance (<c>log</c>, <c>custom/&lt;name&gt;</c>, ...).</param>
/// <param name="MessageCount">Messages in the delivery.</param>
/// <param name="Checks">The first <see cref="DeliveryHistory.ChecksPerEntry"/> checks it carried.</param>
/// <param name="Outcome">Delivered, retrying or failed.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="Error">The last failure's classified text (never a secret), or null.</param>
internal sealed record DeliveryRecord(
    DateTimeOffset At,
    string Notifier,
    int MessageCount,
    IReadOnlyList<DeliveredCheck> Checks,
    DeliveryHistoryOutcome Outcome,
    int Attempts,
    string? Error);
