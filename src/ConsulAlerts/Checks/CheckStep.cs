namespace ConsulAlerts.Checks;

/// <summary>The result of one step of the <see cref="CheckStateMachine"/>.</summary>
/// <param name="State">The check's new state; null once it has vanished.</param>
/// <param name="Store">Whether the stored state must change (Current, Pending or ForNotification moved, the check appeared or vanished); a new output alone is not stored.</param>
/// <param name="DueAt">When the pending status will have held for the threshold; null when nothing is pending.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Transition">The change to notify when <paramref name="Outcome"/> is <see cref="CheckOutcome.Notify"/>.</param>
internal sealed record CheckStep(CheckState? State, bool Store, DateTimeOffset? DueAt, CheckOutcome Outcome = CheckOutcome.None, CheckTransition? Transition = null);
