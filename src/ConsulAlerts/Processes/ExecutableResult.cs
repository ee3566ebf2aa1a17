namespace ConsulAlerts.Processes;

/// <summary>How a run of an executable ended, with its bounded output.</summary>
/// <param name="Outcome">Exited, timed out (killed) or not started.</param>
/// <param name="ExitCode">The exit code when it exited; null otherwise.</param>
/// <param name="Stdout">What it wrote to stdout, trimmed and bounded.</param>
/// <param name="Stderr">What it wrote to stderr, trimmed and bounded.</param>
/// <param name="StartError">Why it could not be started, for <see cref="ExecutableOutcome.NotStarted"/>.</param>
internal sealed record ExecutableResult(ExecutableOutcome Outcome, int? ExitCode, string Stdout, string Stderr, string? StartError);
