using ConsulAlerts.Checks;

namespace ConsulAlerts.Muting;

/// <summary>What <see cref="MuteStage.Decide"/> made of a confirmed change: exactly one of the three is set.</summary>
/// <param name="State">The check's new state.</param>
/// <param name="Change">The change, to send.</param>
/// <param name="Muted">The change, muted.</param>
/// <param name="Write">A plain write: the change took the check back to what the notifiers last heard.</param>
internal sealed record MuteDecision(CheckState State, DecidedChange? Change = null, MutedChange? Muted = null, CheckStateChange? Write = null);
