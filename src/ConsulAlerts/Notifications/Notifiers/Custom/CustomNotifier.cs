using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Processes;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Custom;

/// <summary>
/// Runs custom notifiers (<c>notifiers/custom/&lt;name&gt;</c> = path of an executable), as the Go daemon does: the
/// executable is started directly, without a shell and without arguments (the whole value is the path, never split
/// or interpreted), in the daemon's working directory and environment, with the JSON array of Messages on stdin. Exit code 0 is success; a non-zero exit is a failure
/// that is not retried (the script decided), logged with its stdout and stderr (bounded); not finishing within the
/// timeout kills the whole process tree and is a retryable failure; an executable that cannot be started is a
/// failure that is not retried.
/// </summary>
internal sealed class CustomNotifier(CustomNotifierOptions options, TimeProvider timeProvider, ILogger<CustomNotifier> logger) : INotifier
{
    /// <summary>The <see cref="INotifier.Name"/> of the custom notifier runner.</summary>
    public const string KindName = "custom";

    /// <summary>Custom notifier instances are named <c>custom/&lt;name&gt;</c> in logs and status.</summary>
    public const string InstancePrefix = "custom/";

    public string Name => KindName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(config);
        var name = config.Name;
        var path = config.Get(NotifierSelection.CustomPathKey)?.Trim();
        if (string.IsNullOrEmpty(path))
        {
            return NotifyResult.Failed("no executable path configured", retryable: false);
        }

        // The script sees its own VarOverrides (its settings), never another notifier's.
        var input = JsonSerializer.SerializeToUtf8Bytes(Message.ForReceiver(messages, name), NotificationsJsonContext.Default.IReadOnlyListMessage);
        var run = await ExecutableRunner.RunAsync(path, input, options.Timeout, options.MaxOutputChars, options.Environment, timeProvider, cancellationToken);
        switch (run.Outcome)
        {
            case ExecutableOutcome.NotStarted:
                NotificationsLog.CustomStartFailed(logger, name, path, run.StartError!);
                return NotifyResult.Failed($"cannot start {path}: {run.StartError}", retryable: false);
            case ExecutableOutcome.TimedOut:
                NotificationsLog.CustomTimedOut(logger, name, path, options.Timeout, run.Stdout, run.Stderr);
                return NotifyResult.Failed($"{path} did not finish within {options.Timeout.TotalSeconds:0.###} s and was killed", retryable: true);
            case ExecutableOutcome.Exited when run.ExitCode == 0:
                NotificationsLog.CustomSucceeded(logger, name, path, run.Stdout, run.Stderr);
                return NotifyResult.Ok;
            default:
                NotificationsLog.CustomFailed(logger, name, path, run.ExitCode!.Value, run.Stdout, run.Stderr);
                var detail = run.Stderr.Length > 0 ? run.Stderr : run.Stdout;
                return NotifyResult.Failed($"{path} exited with code {run.ExitCode}: {Shorten(detail, 512)}", retryable: false);
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + " …";
}
