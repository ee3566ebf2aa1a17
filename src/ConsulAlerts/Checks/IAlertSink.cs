namespace ConsulAlerts.Checks;

/// <summary>Where the check tracker hands what it has decided; implemented by the router.</summary>
internal interface IAlertSink
{
    /// <summary>
    /// Confirmed status changes, in one batch per tracker decision; a failure is retried by the tracker. Completes
    /// once the batch is routed, in call order; its result completes when the batch no longer depends on the check
    /// state to be sent (the router records it in the notification outbox before returning, so its result is already
    /// complete), and is cancelled when <paramref name="cancellationToken"/> (the leader's term) ends first.
    /// </summary>
    Task<Task> OnTransitionsAsync(IReadOnlyList<CheckTransition> transitions, CancellationToken cancellationToken);

    /// <summary>Checks that disappeared from Consul: their state is gone, and so must be their reminders.</summary>
    Task OnVanishedAsync(IReadOnlyList<CheckInfo> checks, CancellationToken cancellationToken);
}
