namespace ConsulAlerts.Checks;

/// <summary>A confirmed change to notify, with the check state that records it (stored in the same transaction as its deliveries).</summary>
/// <param name="Transition">The change.</param>
/// <param name="Record">The check's state once the change is decided, under its key.</param>
internal sealed record DecidedChange(CheckTransition Transition, CheckStateChange Record);
