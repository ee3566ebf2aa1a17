namespace ConsulAlerts.Events;

/// <summary>How one run of an event handler ended.</summary>
internal enum EventHandlerOutcomeKind
{
    /// <summary>Exited with code 0.</summary>
    Succeeded,

    /// <summary>Exited with another code.</summary>
    Failed,

    /// <summary>Did not finish within the timeout; the process tree was killed.</summary>
    TimedOut,

    /// <summary>Could not be started (missing, not executable).</summary>
    NotStarted,
}
