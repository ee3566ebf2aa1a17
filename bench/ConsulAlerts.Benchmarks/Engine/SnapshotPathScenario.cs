using System.Globalization;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Benchmarks.Engine;

/// <summary>
/// The <c>snapshot</c> scenario: what the engine's snapshot path holds and costs, one lever at a time, without
/// Consul. Memory is counted, not timed, so it is not disturbed by other load. For N checks (the <c>engine</c> scenario's payload):
/// the body held while decoding (the whole answer when buffered, the decoder's buffer when streamed), the bytes
/// allocated, and the managed heap kept by the decoder and the tracker after a full GC (per check), with and without
/// the pool of repeated texts. Then CPU: the streamed decode and tracker step of a changed snapshot (about 2,000
/// checks differ from the one before) against <c>JsonDocument.Parse</c> of the same bytes, median of 9 in process CPU time (wall time is too noisy on
/// shared cores), one thread.
/// </summary>
internal static class SnapshotPathScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var checks = args.Length >= 2 && args[0] == "--checks" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var payload = HealthPayload.Build(checks);
        Console.WriteLine($"snapshot scenario: {checks:N0} checks, payload {payload.Length / 1048576.0:F1} MB");
        Console.WriteLine("| Snapshot path | Body held while decoding | Allocated by the first snapshot | Kept after a full GC (decoder + tracker) | Per check |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        await MeasureAsync("buffered whole, one string per check", payload, streamed: false, pooled: false);
        await MeasureAsync("streamed, one string per check", payload, streamed: true, pooled: false);
        await MeasureAsync("streamed, repeated texts pooled", payload, streamed: true, pooled: true);
        await MeasureCpuAsync(payload, HealthPayload.Build(checks, shift: 1));
        return 0;
    }

    private static async Task MeasureAsync(string name, byte[] payload, bool streamed, bool pooled)
    {
        var before = Settle();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var decoder = new HealthSnapshotDecoder(pooled ? new CheckStringPool() : null);
        using var tracker = new CheckTracker(new AlertsConfigStore(), new NullSink(), NullLogger<CheckTracker>.Instance, TimeProvider.System);
        var (snapshot, held) = streamed ? await StreamedAsync(decoder, payload) : await BufferedAsync(decoder, payload);
        tracker.Apply(snapshot);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        snapshot = [];
        var kept = Settle() - before;
        GC.KeepAlive(decoder);
        GC.KeepAlive(tracker);
        var count = tracker.Count;
        Console.WriteLine($"| {name} | {Mb(held)} | {Mb(allocated)} | {Mb(kept)} | {kept / count:N0} B |");
    }

    private static async Task MeasureCpuAsync(byte[] first, byte[] second)
    {
        var decoder = new HealthSnapshotDecoder();
        using var tracker = new CheckTracker(new AlertsConfigStore(), new NullSink(), NullLogger<CheckTracker>.Instance, TimeProvider.System);
        tracker.Apply((await StreamedAsync(decoder, first)).Snapshot);
        var parse = new List<(double Wall, double Cpu)>();
        var engine = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < 9; round++)
        {
            var bytes = round % 2 == 0 ? second : first;
            Settle();
            var (wall, cpu) = Start();
            using (var document = System.Text.Json.JsonDocument.Parse(bytes))
            {
                _ = document.RootElement.GetArrayLength();
            }

            parse.Add(Stop(wall, cpu));
            Settle();
            (wall, cpu) = Start();
            tracker.Apply((await StreamedAsync(decoder, bytes)).Snapshot);
            engine.Add(Stop(wall, cpu));
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(4);
        var parseCpu = Median(parse.Select(p => p.Cpu));
        var engineCpu = Median(engine.Select(p => p.Cpu));
        var ratios = parse.Zip(engine, (p, e) => e.Cpu / p.Cpu).Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"Changed snapshot, median of 9, process CPU (wall): JsonDocument.Parse {parseCpu:F0} ms ({Median(parse.Select(p => p.Wall)):F0} ms); "
            + $"streamed decode + tracker step {engineCpu:F0} ms ({Median(engine.Select(p => p.Wall)):F0} ms) = {engineCpu / parseCpu:F2}× parse; per-round ratios {ratios[0]:F2}–{ratios[^1]:F2}×");
    }

    private static (System.Diagnostics.Stopwatch Wall, TimeSpan Cpu) Start() =>
        (System.Diagnostics.Stopwatch.StartNew(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    private static (double Wall, double Cpu) Stop(System.Diagnostics.Stopwatch wall, TimeSpan cpu) =>
        (wall.Elapsed.TotalMilliseconds, (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);

    private static async Task<(IReadOnlyList<CheckInfo> Snapshot, long Held)> StreamedAsync(HealthSnapshotDecoder decoder, byte[] payload)
    {
        using var stream = new NetworkLikeStream(payload);
        return (await decoder.DecodeAsync(stream, CancellationToken.None), 64 * 1024);
    }

    /// <summary>What the transport did before: the whole answer into one array (no Content-Length: grown by halves), then decoded.</summary>
    private static async Task<(IReadOnlyList<CheckInfo> Snapshot, long Held)> BufferedAsync(HealthSnapshotDecoder decoder, byte[] payload)
    {
        using var stream = new NetworkLikeStream(payload);
        var body = new byte[64 * 1024];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(body.AsMemory(length))) > 0)
        {
            length += read;
            if (length == body.Length)
            {
                Array.Resize(ref body, body.Length + (body.Length / 2));
            }
        }

        return (decoder.Decode(body.AsSpan(0, length)), body.Length);
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Hands out at most 16 KiB a read, as a socket does.</summary>
    private sealed class NetworkLikeStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 16 * 1024)], cancellationToken);
    }

    private sealed class NullSink : IDecisionSink
    {
        public void Accept(CheckDecisions decisions)
        {
        }
    }
}
