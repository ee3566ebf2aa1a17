namespace ConsulAlerts.Checks;

/// <summary>
/// An <see cref="IAlertSink"/> resolved on first use. The router reads the tracker's live view (reminders show the
/// current output) while the tracker hands its decisions to the router; deferring one side lets both be singletons
/// without a construction cycle.
/// </summary>
internal sealed class DeferredAlertSink(Func<IAlertSink> resolve) : IAlertSink
{
    private readonly Lazy<IAlertSink> _sink = new(resolve);

    public Task<Task> OnTransitionsAsync(IReadOnlyList<CheckTransition> transitions, CancellationToken cancellationToken) =>
        _sink.Value.OnTransitionsAsync(transitions, cancellationToken);

    public Task OnVanishedAsync(IReadOnlyList<CheckInfo> checks, CancellationToken cancellationToken) =>
        _sink.Value.OnVanishedAsync(checks, cancellationToken);
}
