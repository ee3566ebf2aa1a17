using ConsulAlerts.Notifications;

namespace ConsulAlerts.Dashboard;

/// <summary>One recent delivery.</summary>
/// <param name="At">When its last attempt ended.</param>
/// <param name="Notifier">The notifier instance.</param>
/// <param name="Messages">Messages in the delivery.</param>
/// <param name="Checks">The first checks it carried.</param>
/// <param name="Outcome"><c>delivered</c>, <c>retrying</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="Error">The pipeline's classified failure text, never a URL, key or response body.</param>
internal sealed record DashboardDelivery(
    DateTimeOffset At,
    string Notifier,
    int Messages,
    IReadOnlyList<DeliveredCheck> Checks,
    string Outcome,
    int Attempts,
    string? Error);
