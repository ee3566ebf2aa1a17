using System.Globalization;
using CsCheck;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Runs a fuzz target (a <c>*FuzzTests</c> fact) for a time budget instead of a number of samples: a few seconds each in
/// every test run, longer with <c>CONSUL_ALERTS_FUZZ_SECONDS=&lt;n&gt;</c>. A failure is CsCheck's, with the seed that
/// replays it (<c>CsCheck_Seed=&lt;seed&gt;</c>); an input still running long after the budget is a hang, reported with
/// the input; an input that allocates more than the target's bound is a failure too (counted per thread, so other tests
/// running in the same process do not disturb it).
/// </summary>
internal static class Fuzz
{
    /// <summary>The environment variable raising every target's budget to its value, in seconds.</summary>
    public const string SecondsVariable = "CONSUL_ALERTS_FUZZ_SECONDS";

    // How far past its budget a run may go before it counts as hung: generous, the machine may be busy.
    private static readonly TimeSpan HangGrace = TimeSpan.FromSeconds(60);

    /// <summary>The budget of a target whose default is <paramref name="defaultSeconds"/>.</summary>
    public static int Seconds(int defaultSeconds) =>
        int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : defaultSeconds;

    /// <summary>Feeds <paramref name="target"/> generated inputs for the budget; each input may allocate at most <paramref name="maxBytesPerInput"/>.</summary>
    public static async Task RunAsync<T>(Gen<T> gen, Action<T> target, long maxBytesPerInput, int defaultSeconds = 3, Func<T, string>? print = null)
    {
        var current = new Current<T>();
        var seconds = Seconds(defaultSeconds);
        var run = Task.Run(() => gen.Sample(
            input =>
            {
                current.Set(input);
                var before = GC.GetAllocatedBytesForCurrentThread();
                target(input);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                allocated.ShouldBeLessThan(maxBytesPerInput, "bytes allocated by one input");
            },
            seed: Environment.GetEnvironmentVariable("CsCheck_Seed"),
            time: seconds,
            threads: 1,
            print: print));
        await WaitOrReportHangAsync(run, seconds, () => current.Describe(print));
    }

    /// <summary>Feeds an asynchronous <paramref name="target"/> generated inputs for the budget, one at a time.</summary>
    public static async Task RunAsync<T>(Gen<T> gen, Func<T, Task> target, int defaultSeconds = 3, Func<T, string>? print = null)
    {
        var current = new Current<T>();
        var seconds = Seconds(defaultSeconds);
        var run = gen.SampleAsync(
            input =>
            {
                current.Set(input);
                return target(input);
            },
            seed: Environment.GetEnvironmentVariable("CsCheck_Seed"),
            time: seconds,
            threads: 1,
            print: print);
        await WaitOrReportHangAsync(run, seconds, () => current.Describe(print));
    }

    private static async Task WaitOrReportHangAsync(Task run, int seconds, Func<string> input)
    {
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(seconds) + HangGrace);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"hung: still running {HangGrace.TotalSeconds:0} s past the {seconds} s budget on input {input()}");
        }
    }

    private sealed class Current<T>
    {
        // Boxed, so the watchdog reads it without tearing.
        private object? _input;

        public void Set(T input) => Volatile.Write(ref _input, input);

        public string Describe(Func<T, string>? print)
        {
            var input = Volatile.Read(ref _input);
            var text = input is T value ? print?.Invoke(value) ?? Check.Print(value) : "(none)";
            return text.Length > 2000 ? text[..2000] + "…" : text;
        }
    }
}
