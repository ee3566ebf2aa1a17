namespace ConsulAlerts.Checks;

/// <summary>A confirmed status change to notify: the new status held for the check's change-threshold.</summary>
/// <param name="Check">The check as last seen (its live output).</param>
/// <param name="PreviousStatus">The status it had before; empty when the check was first seen non-passing.</param>
/// <param name="Status">The new current status.</param>
/// <param name="At">When the change was confirmed.</param>
internal sealed record CheckTransition(CheckInfo Check, string PreviousStatus, string Status, DateTimeOffset At);
