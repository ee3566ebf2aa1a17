using System.Diagnostics;
using System.Globalization;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// The one way tests wait for background work in real time: polls a condition, first every few milliseconds and then
/// every 100 ms, so a fast result is seen at once and a slow one costs little. The patience only guards against a
/// hang; it asserts no speed. A test that checks an absence waits with this for the proof that the work was done (a
/// counter moved, a batch finished), never for a fixed time.
/// </summary>
public static class Eventually
{
    /// <summary>How long to wait by default: far beyond what any condition needs on a loaded machine.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc cref="ShouldHoldAsync(Func{Task{bool}}, string, TimeSpan?, Func{string?}?, Func{Task{string}}?, CancellationToken)"/>
    public static Task ShouldHoldAsync(
        Func<bool> condition, string what, TimeSpan? patience = null, Func<string?>? broken = null,
        Func<Task<string>>? diagnostics = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ShouldHoldAsync(() => Task.FromResult(condition()), what, patience, broken, diagnostics, cancellationToken);
    }

    /// <summary>Returns once <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="what">Named in the failure: "the daemon answers", "the tracker processed snapshot 3".</param>
    /// <param name="patience">How long before giving up; <see cref="DefaultPatience"/> when null.</param>
    /// <param name="broken">A reason to stop waiting at once (a process died), or null while all is well.</param>
    /// <param name="diagnostics">Appended to a failure: process output and the like.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="TimeoutException">The condition did not hold within the patience.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="broken"/> gave a reason.</exception>
    public static async Task ShouldHoldAsync(
        Func<Task<bool>> condition, string what, TimeSpan? patience = null, Func<string?>? broken = null,
        Func<Task<string>>? diagnostics = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = patience ?? DefaultPatience;
        var watch = Stopwatch.StartNew();
        var pause = FirstPause;
        while (!await condition())
        {
            if (broken?.Invoke() is { } reason)
            {
                string details = await DescribeAsync(diagnostics);
                throw new InvalidOperationException($"{reason} while waiting until {what}{details}");
            }

            if (watch.Elapsed > limit)
            {
                string details = await DescribeAsync(diagnostics);
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"gave up after {limit.TotalSeconds:0} s waiting until {what}{details}"));
            }

            await Task.Delay(pause, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private static async Task<string> DescribeAsync(Func<Task<string>>? diagnostics) =>
        diagnostics is null ? "" : "\n" + await diagnostics();
}
