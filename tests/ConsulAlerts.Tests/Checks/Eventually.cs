using System.Diagnostics;

namespace ConsulAlerts.Tests.Checks;

/// <summary>Waits for background work in real time; the limit only guards against a hang, it asserts no speed.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(5);
        }
    }
}
