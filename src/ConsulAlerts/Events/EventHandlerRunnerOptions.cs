using ConsulAlerts.Processes;

namespace ConsulAlerts.Events;

/// <summary>Limits of <see cref="EventHandlerRunner"/>.</summary>
internal sealed record EventHandlerRunnerOptions
{
    /// <summary>A handler still running after this is killed with its whole process tree.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Characters of stdout and of stderr kept for the log; the rest is read and dropped.</summary>
    public int MaxOutputChars { get; init; } = 8 * 1024;

    /// <summary>What a handler inherits of the daemon's environment, and what of its output is redacted.</summary>
    public ScriptEnvironment Environment { get; init; } = ScriptEnvironment.None;
}
