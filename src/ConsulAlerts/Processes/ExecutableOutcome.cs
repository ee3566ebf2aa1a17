namespace ConsulAlerts.Processes;

/// <summary>How a run of an executable ended.</summary>
internal enum ExecutableOutcome
{
    /// <summary>It exited (with any code).</summary>
    Exited,

    /// <summary>It did not finish within the timeout; its process tree was killed.</summary>
    TimedOut,

    /// <summary>It could not be started (missing, not executable).</summary>
    NotStarted,
}
