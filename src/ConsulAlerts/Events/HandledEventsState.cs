namespace ConsulAlerts.Events;

/// <summary>
/// The stored record of event handling (<c>&lt;prefix&gt;/events/handled</c>): <see cref="Handled"/> lists the IDs
/// of events that are done (run, or deliberately skipped), oldest first; <see cref="InProgress"/> is the event whose
/// handlers were about to run when it was written, cleared once they finished.
/// </summary>
internal sealed record HandledEventsState
{
    public IReadOnlyList<string> Handled { get; init; } = [];

    public string? InProgress { get; init; }
}
