using System.Text.Json;
using ConsulAlerts.Processes;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Runs one event handler as the Go daemon did: the configured path is started directly (no shell, no arguments, the
/// value never split), in the daemon's working directory and environment (less its secrets), with the event as JSON on stdin. The exit
/// code and the (bounded) stdout and stderr are logged; a handler still running after the timeout is killed with its
/// whole process tree. A handler's failure is logged, never retried: the handler decided.
/// </summary>
internal sealed class EventHandlerRunner(EventHandlerRunnerOptions options, TimeProvider timeProvider, ILogger<EventHandlerRunner> logger)
{
    /// <summary>Runs <paramref name="path"/> for <paramref name="input"/>; cancelling kills it (and throws).</summary>
    public async Task<EventHandlerOutcome> RunAsync(string path, EventHandlerInput input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(input);
        var stdin = JsonSerializer.SerializeToUtf8Bytes(input, EventsJsonContext.Default.EventHandlerInput);
        var run = await ExecutableRunner.RunAsync(path, stdin, options.Timeout, options.MaxOutputChars, options.Environment, timeProvider, cancellationToken);
        switch (run.Outcome)
        {
            case ExecutableOutcome.NotStarted:
                EventsLog.HandlerNotStarted(logger, input.Id, input.Name, path, run.StartError!);
                return new EventHandlerOutcome(EventHandlerOutcomeKind.NotStarted, null, "", run.StartError!);
            case ExecutableOutcome.TimedOut:
                EventsLog.HandlerTimedOut(logger, input.Id, input.Name, path, options.Timeout, run.Stdout, run.Stderr);
                return new EventHandlerOutcome(EventHandlerOutcomeKind.TimedOut, null, run.Stdout, run.Stderr);
            case ExecutableOutcome.Exited when run.ExitCode == 0:
                EventsLog.HandlerSucceeded(logger, input.Id, input.Name, path, run.Stdout, run.Stderr);
                return new EventHandlerOutcome(EventHandlerOutcomeKind.Succeeded, 0, run.Stdout, run.Stderr);
            default:
                EventsLog.HandlerFailed(logger, input.Id, input.Name, path, run.ExitCode!.Value, run.Stdout, run.Stderr);
                return new EventHandlerOutcome(EventHandlerOutcomeKind.Failed, run.ExitCode, run.Stdout, run.Stderr);
        }
    }
}
