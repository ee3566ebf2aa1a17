namespace ConsulAlerts.Api;

/// <summary>
/// Wake-up signals from <c>POST /v1/process/checks</c> and <c>/v1/process/events</c> (what <c>consul watch</c> handlers
/// send). They only make the watchers re-read Consul at once: the posted payload itself is never trusted, so a forged
/// request cannot fake an alert.
/// </summary>
internal sealed class ProcessTriggers
{
    /// <summary>Raised when a checks payload arrives.</summary>
    public event Action? ChecksRequested;

    /// <summary>Raised when an events payload arrives.</summary>
    public event Action? EventsRequested;

    public void RequestChecks() => ChecksRequested?.Invoke();

    public void RequestEvents() => EventsRequested?.Invoke();
}
