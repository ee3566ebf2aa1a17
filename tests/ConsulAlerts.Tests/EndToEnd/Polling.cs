using System.Diagnostics;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>Waits for a condition in real time, failing early when the system under test has already broken.</summary>
internal static class Polling
{
    /// <param name="condition">What to wait for.</param>
    /// <param name="what">Named in the failure.</param>
    /// <param name="patience">How long before giving up.</param>
    /// <param name="broken">A reason to stop waiting at once (a daemon died), or null while all is well.</param>
    /// <param name="diagnostics">Appended to the failure: daemon output and the like.</param>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, string what, TimeSpan patience, Func<string?> broken, Func<Task<string>> diagnostics)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (broken() is { } reason)
            {
                throw new InvalidOperationException($"{reason} while waiting for {what}\n{await diagnostics()}");
            }

            if (watch.Elapsed > patience)
            {
                throw new TimeoutException($"gave up waiting for {what} after {patience.TotalSeconds:0} s\n{await diagnostics()}");
            }

            await Task.Delay(100);
        }
    }
}
