using System.Diagnostics;
using System.Globalization;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// Sends job-control signals to a child process and waits until they have taken effect. <c>kill</c> returns once the
/// signal is queued; a multi-threaded process (Go's runtime) stops thread by thread after that, and a thread still
/// running can answer one more request. Waiting until every thread in <c>/proc/&lt;pid&gt;/task</c> reports the
/// stopped state closes that window.
/// </summary>
public static class ProcessSignals
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Sends <paramref name="signal"/> (a name such as <c>TERM</c>) with <c>kill</c>.</summary>
    public static async Task SendAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with {kill.ExitCode}");
        }
    }

    /// <summary>SIGSTOP, then waits until every thread of the process is stopped.</summary>
    public static async Task StopAsync(int pid)
    {
        await SendAsync(pid, "STOP");
        await WaitForAsync(pid, stopped: true);
    }

    /// <summary>SIGCONT, then waits until no thread of the process is stopped.</summary>
    public static async Task ContinueAsync(int pid)
    {
        await SendAsync(pid, "CONT");
        await WaitForAsync(pid, stopped: false);
    }

    /// <summary>True when every thread is in the stopped state ('T'); false when any runs or the process is gone.</summary>
    public static bool AllThreadsStopped(int pid) => ThreadStates(pid) is { Count: > 0 } states && states.TrueForAll(state => state == 'T');

    private static async Task WaitForAsync(int pid, bool stopped)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            var states = ThreadStates(pid);
            if (states is null || states.Count == 0)
            {
                return; // gone, or no /proc to look at: nothing more can be learned by waiting
            }

            if (stopped ? states.TrueForAll(state => state == 'T') : !states.Contains('T'))
            {
                return;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"process {pid} did not {(stopped ? "stop" : "continue")} within {Patience.TotalSeconds:0} s");
    }

    private static List<char>? ThreadStates(int pid)
    {
        var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        var states = new List<char>();
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                // stat is "pid (comm) S ...": comm may hold spaces and parentheses, so the state follows the last ')'.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var close = stat.LastIndexOf(')');
                if (close >= 0 && close + 2 < stat.Length)
                {
                    states.Add(stat[close + 2]);
                }
            }
            catch (IOException)
            {
                // the thread exited between listing and reading
            }
        }

        return states;
    }
}
