using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ConsulAlerts.Processes;

/// <summary>
/// Runs an executable the way custom notifiers and event handlers are run, as the Go daemon ran them: the path is
/// started directly (no shell, no arguments, the value never split), in the daemon's working directory and
/// environment less its secrets (<see cref="ScriptEnvironment"/>), with <c>stdin</c> written and closed; stdout and
/// stderr are read concurrently and kept up to a bound, with the secrets redacted;
/// a run still going at the timeout, or when the caller cancels, is killed with its whole process tree.
/// </summary>
internal static class ExecutableRunner
{
    // A background child may keep the pipes open after the executable exits: its output gets a moment, no more.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the run was killed).</exception>
    public static async Task<ExecutableResult> RunAsync(
        string path,
        byte[] stdin,
        TimeSpan timeout,
        int maxOutputChars,
        ScriptEnvironment environment,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(environment);
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

        environment.Apply(startInfo.Environment);
        var secrets = environment.SecretsNow();

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new ExecutableResult(ExecutableOutcome.NotStarted, null, "", "", ex.Message);
        }

        using var drain = new CancellationTokenSource();
        var stdout = ReadBoundedAsync(process.StandardOutput, maxOutputChars, secrets, drain.Token);
        var stderr = ReadBoundedAsync(process.StandardError, maxOutputChars, secrets, drain.Token);
        var input = WriteInputAsync(process, stdin);

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
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
            await input;
            cancellationToken.ThrowIfCancellationRequested();
            return new ExecutableResult(ExecutableOutcome.TimedOut, null, killedOut, killedErr, null);
        }

        drain.CancelAfter(DrainTimeout);
        var output = await stdout;
        var errors = await stderr;
        await input;
        return new ExecutableResult(ExecutableOutcome.Exited, process.ExitCode, output, errors, null);
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

    /// <summary>
    /// Reads everything, keeping at most <paramref name="maxChars"/> with every secret redacted. Up to the longest
    /// secret's length more is read before redacting, so that a secret at the bound is never kept in part.
    /// </summary>
    private static async Task<string> ReadBoundedAsync(StreamReader reader, int maxChars, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        int bound = maxChars + (secrets.Count == 0 ? 0 : secrets[0].Length);
        var kept = new StringBuilder();
        var buffer = new char[4096];
        var truncated = false;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                var room = bound - kept.Length;
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

        var text = ScriptEnvironment.Redact(kept.ToString(), secrets);
        if (text.Length > maxChars)
        {
            text = text[..maxChars];
            truncated = true;
        }

        text = text.TrimEnd();
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
