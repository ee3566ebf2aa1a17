using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Events;

/// <summary>
/// Runs one event handler as the Go daemon did: the configured path is started directly (no shell, no arguments, the
/// value never split), in the daemon's working directory and environment, with the event as JSON on stdin. The exit
/// code and the (bounded) stdout and stderr are logged; a handler still running after the timeout is killed with its
/// whole process tree. A handler's failure is logged, never retried: the handler decided.
/// </summary>
internal sealed class EventHandlerRunner(EventHandlerRunnerOptions options, TimeProvider timeProvider, ILogger<EventHandlerRunner> logger)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="path"/> for <paramref name="input"/>; cancelling kills it (and throws).</summary>
    public async Task<EventHandlerOutcome> RunAsync(string path, EventHandlerInput input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(input);
        var stdinBytes = JsonSerializer.SerializeToUtf8Bytes(input, EventsJsonContext.Default.EventHandlerInput);
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
            EventsLog.HandlerNotStarted(logger, input.Id, input.Name, path, ex.Message);
            return new EventHandlerOutcome(EventHandlerOutcomeKind.NotStarted, null, "", ex.Message);
        }

        using var drain = new CancellationTokenSource();
        var stdout = ReadBoundedAsync(process.StandardOutput, options.MaxOutputChars, drain.Token);
        var stderr = ReadBoundedAsync(process.StandardError, options.MaxOutputChars, drain.Token);
        var stdin = WriteInputAsync(process, stdinBytes);

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
            EventsLog.HandlerTimedOut(logger, input.Id, input.Name, path, options.Timeout, killedOut, killedErr);
            return new EventHandlerOutcome(EventHandlerOutcomeKind.TimedOut, null, killedOut, killedErr);
        }

        // A background child may keep the pipes open after the handler exits: give the output a moment, no more.
        drain.CancelAfter(DrainTimeout);
        var output = await stdout;
        var errors = await stderr;
        await stdin;
        if (process.ExitCode == 0)
        {
            EventsLog.HandlerSucceeded(logger, input.Id, input.Name, path, output, errors);
            return new EventHandlerOutcome(EventHandlerOutcomeKind.Succeeded, 0, output, errors);
        }

        EventsLog.HandlerFailed(logger, input.Id, input.Name, path, process.ExitCode, output, errors);
        return new EventHandlerOutcome(EventHandlerOutcomeKind.Failed, process.ExitCode, output, errors);
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
            // The handler exited or closed stdin without reading it all; its exit code tells the rest.
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
            // Already gone, or not ours to kill; nothing more to do.
        }
    }
}
