using System.Diagnostics;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>Seconds since the run began: one time line for the flapper, the faults, the samples and the receiver's log.</summary>
internal sealed class NemesisClock
{
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public double Now => _watch.Elapsed.TotalSeconds;

    /// <summary>A wall-clock time (the receiver's) on the run's time line.</summary>
    public double At(DateTime utc) => (utc - _startedUtc).TotalSeconds;
}
