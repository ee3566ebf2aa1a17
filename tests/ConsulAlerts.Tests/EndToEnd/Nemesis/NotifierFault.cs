using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>The notifier endpoint hanging (no answer until it recovers) or failing (500) for a while.</summary>
internal sealed class NotifierFault(FlakyReceiver.Mode mode, double minSeconds, double maxSeconds) : INemesisFault
{
    public string Name => mode == FlakyReceiver.Mode.Hang ? "notifier hangs" : "notifier fails";

    public async Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random)
    {
        var duration = TimeSpan.FromSeconds(minSeconds + (random.NextDouble() * (maxSeconds - minSeconds)));
        double start = run.Clock.Now;
        run.Receiver.Set(mode);
        await Task.Delay(duration);
        run.Receiver.Set(FlakyReceiver.Mode.Ok);
        return new FaultRecord(round, Name, string.Create(CultureInfo.InvariantCulture, $"for {duration.TotalSeconds:0.0} s"), start, run.Clock.Now);
    }
}
