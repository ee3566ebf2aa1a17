using ConsulAlerts.Processes;

namespace ConsulAlerts.Notifications.Notifiers.Custom;

/// <summary>Limits for running custom notifier executables.</summary>
internal sealed record CustomNotifierOptions
{
    /// <summary>How long an executable may run; then its whole process tree is killed (a retryable failure).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How much of stdout and of stderr is kept for the log (the rest is read and discarded).</summary>
    public int MaxOutputChars { get; init; } = 4096;

    /// <summary>What an executable inherits of the daemon's environment, and what of its output is redacted.</summary>
    public ScriptEnvironment Environment { get; init; } = ScriptEnvironment.None;
}
