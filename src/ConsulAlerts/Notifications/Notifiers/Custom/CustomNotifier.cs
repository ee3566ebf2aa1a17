using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Configuration;
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

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

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

        var input = JsonSerializer.SerializeToUtf8Bytes(messages, NotificationsJsonContext.Default.IReadOnlyListMessage);
        var startInfo = new ProcessStartInfo
        {
            FileName = path,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            NotificationsLog.CustomStartFailed(logger, name, path, ex.Message);
            return NotifyResult.Failed($"cannot start {path}: {ex.Message}", retryable: false);
        }

        using var drain = new CancellationTokenSource();
        var stdout = ReadBoundedAsync(process.StandardOutput, options.MaxOutputChars, drain.Token);
        var stderr = ReadBoundedAsync(process.StandardError, options.MaxOutputChars, drain.Token);
        var stdin = WriteInputAsync(process, input);

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            process.WaitForExit(DrainTimeout);
            drain.CancelAfter(DrainTimeout);
            var (killedOut, killedErr) = (await stdout, await stderr);
            await stdin;
            cancellationToken.ThrowIfCancellationRequested();
            NotificationsLog.CustomTimedOut(logger, name, path, options.Timeout, killedOut, killedErr);
            return NotifyResult.Failed($"{path} did not finish within {options.Timeout.TotalSeconds:0.###} s and was killed", retryable: true);
        }

        // A background child may keep the pipes open after the executable exits: give the output a moment, no more.
        drain.CancelAfter(DrainTimeout);
        var output = await stdout;
        var errors = await stderr;
        await stdin;

        if (process.ExitCode == 0)
        {
            NotificationsLog.CustomSucceeded(logger, name, path, output, errors);
            return NotifyResult.Ok;
        }

        NotificationsLog.CustomFailed(logger, name, path, process.ExitCode, output, errors);
        var detail = errors.Length > 0 ? errors : output;
        return NotifyResult.Failed($"{path} exited with code {process.ExitCode}: {Shorten(detail, 512)}", retryable: false);
    }

    private static async Task WriteInputAsync(Process process, byte[] input)
    {
        try
        {
            var stream = process.StandardInput.BaseStream;
            await stream.WriteAsync(input);
            await stream.FlushAsync();
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The executable exited or closed stdin without reading everything; its exit code tells the rest.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, int maxChars, CancellationToken cancellationToken)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        var truncated = false;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                var room = maxChars - kept.Length;
                if (room > 0)
                {
                    kept.Append(buffer, 0, Math.Min(room, read));
                }

                truncated |= read > room;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }

        var text = kept.ToString().TrimEnd();
        return truncated ? text + " …(truncated)" : text;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Could not be killed (already gone, or not ours); nothing more to do.
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + " …";
}
