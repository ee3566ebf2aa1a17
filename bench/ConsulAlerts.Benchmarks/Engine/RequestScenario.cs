using System.Diagnostics;
using System.Globalization;
using ConsulAlerts.Checks;
using ConsulAlerts.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Benchmarks.Engine;

/// <summary>
/// The <c>requests</c> scenario: what the daemon asks of Consul at a small size. The same setup as the
/// <c>engine</c> scenario (dev agent process, the daemon's composition in this process, a recording notifier), then
/// (1) one check fails and every request until the notification is recorded and the daemon is quiet again is counted,
/// and (2) steady state: one change every <c>--every</c> seconds (a check goes critical, the next time back to
/// passing) for <c>--duration</c> seconds, every request counted by endpoint, session renewals and watches included.
/// <c>--leader-ttl</c> sets the daemon's <c>--leader-ttl</c> (its session renewals follow at half of it).
/// </summary>
internal static class RequestScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        double Get(string name, double fallback) =>
            values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var count = (int)Get("checks", 1_000);
        var threshold = TimeSpan.FromSeconds(Get("threshold", 2));
        var duration = TimeSpan.FromSeconds(Get("duration", 120));
        var every = TimeSpan.FromSeconds(Get("every", 10));
        TimeSpan? leaderTtl = values.ContainsKey("leader-ttl") ? TimeSpan.FromSeconds(Get("leader-ttl", 10)) : null;
        Console.WriteLine($"requests scenario: {count:N0} checks, threshold {threshold.TotalSeconds:0} s, one change every {every.TotalSeconds:0} s for {duration.TotalSeconds:0} s, leader TTL {(leaderTtl is { } t ? $"{t.TotalSeconds:0} s" : "default")}");

        using var agent = await DevAgentProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.Address, Timeout = TimeSpan.FromSeconds(60) };
        var checks = CheckSpec.Layout(count);
        await EngineScenario.LoadAsync(http, checks);
        await EngineScenario.PutKvAsync(http, "consul-alerts/config/checks/change-threshold", threshold.TotalSeconds.ToString(CultureInfo.InvariantCulture));

        var counter = new RequestCounter();
        var recorder = new NotificationRecorder(threshold, counter);
        using var host = EngineScenario.BuildEngine(agent.Address, recorder, counter, leaderTtl);
        var engine = host.Services.GetRequiredService<CheckEngine>();
        var writer = host.Services.GetRequiredService<StateWriter>();
        await host.StartAsync();
        while (engine.All.Count < checks.Length)
        {
            await Task.Delay(50);
        }

        await writer.FlushAsync(TimeSpan.FromMinutes(1), TimeProvider.System);
        await EngineScenario.SettleAsync(counter);

        // (1) One failure: from the flip until the notification is recorded and nothing more is sent.
        counter.Reset();
        var failing = checks[1];
        var sent = Stopwatch.GetTimestamp();
        recorder.Expect(failing, "critical", sent);
        await EngineScenario.TxnAsync(http, [failing.Op("critical")]);
        await recorder.WaitForAsync(1, threshold + TimeSpan.FromSeconds(30));
        await writer.FlushAsync(TimeSpan.FromMinutes(1), TimeProvider.System);
        await EngineScenario.SettleAsync(counter);
        var failure = counter.ByEndpoint();
        var failureLatency = recorder.Summary();

        // Back to passing, notified, before the steady phase starts.
        recorder.Expect(failing, "passing", Stopwatch.GetTimestamp());
        await EngineScenario.TxnAsync(http, [failing.Op("passing")]);
        await recorder.WaitForAsync(2, threshold + TimeSpan.FromSeconds(30));
        await writer.FlushAsync(TimeSpan.FromMinutes(1), TimeProvider.System);
        await EngineScenario.SettleAsync(counter);

        // (2) Steady state: one change every `every`, counted over exactly `duration`.
        counter.Reset();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var changes = 0;
        var expected = 2;
        while (clock.Elapsed < duration)
        {
            var check = checks[2 + (changes / 2)];
            var status = changes % 2 == 0 ? "critical" : "passing";
            recorder.Expect(check, status, Stopwatch.GetTimestamp());
            await EngineScenario.TxnAsync(http, [check.Op(status)]);
            changes++;
            expected++;
            var next = every * changes;
            if (next > clock.Elapsed)
            {
                await Task.Delay(next - clock.Elapsed);
            }
        }

        var steady = counter.ByEndpoint();
        var minutes = clock.Elapsed.TotalMinutes;
        var steadyCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await recorder.WaitForAsync(expected, threshold + TimeSpan.FromSeconds(30));
        var latency = recorder.Summary();
        await host.StopAsync();

        Console.WriteLine();
        Console.WriteLine($"## requests, {count:N0} checks");
        Console.WriteLine($"One failure: notified {failureLatency.P50Ms:F0} ms after the threshold; {failure.Sum(e => e.Count)} requests until quiet:");
        Print(failure, 1);
        Console.WriteLine();
        Console.WriteLine($"Steady state: {changes} changes in {clock.Elapsed.TotalSeconds:F0} s, notifications expected / matched / missing / unexpected {latency.Expected} / {latency.Matched} / {latency.Missing} / {latency.Unexpected}");
        Console.WriteLine($"Consul requests: {steady.Sum(e => e.Count)} = {steady.Sum(e => e.Count) / minutes:F1} a minute; whole process CPU (incl. load generator) {steadyCpu.TotalSeconds / minutes:F2} s a minute");
        Print(steady, minutes);
        return 0;
    }

    private static void Print(IReadOnlyList<(string Endpoint, long Count)> counts, double minutes)
    {
        Console.WriteLine("| Endpoint | Requests | Per minute |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (endpoint, n) in counts)
        {
            Console.WriteLine($"| `{endpoint}` | {n} | {n / minutes:F1} |");
        }
    }
}
