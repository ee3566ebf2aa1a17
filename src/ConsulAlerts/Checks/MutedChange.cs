using ConsulAlerts.Muting;

namespace ConsulAlerts.Checks;

/// <summary>A confirmed change that is not sent because something mutes it; its record keeps what the notifiers last heard.</summary>
/// <param name="Transition">The change.</param>
/// <param name="Record">The check's state once the change is decided, under its key.</param>
/// <param name="Reason">What mutes it.</param>
internal sealed record MutedChange(CheckTransition Transition, CheckStateChange Record, MuteReason Reason);
