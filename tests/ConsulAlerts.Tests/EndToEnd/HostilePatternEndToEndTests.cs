using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The real daemon with blacklist patterns from KV that make a backtracking regex engine run for ever on the check IDs
/// it sees, under a stream of unauthenticated dashboard and wildcard requests: blacklisting still decides right (and
/// fails closed, never open), <c>/healthz</c> keeps answering, and notifications still go out.
/// </summary>
public sealed class HostilePatternEndToEndTests : IAsyncLifetime
{
    private const int HostileChecks = 20;
    private const int Clients = 8;

    // Each one backtracks exponentially on "aaa…a-<n>"; the last one matches "…-muted", after its first, hostile branch.
    private const string Patterns = """["^(\\w+\\s?)*$", "^(a|aa)+$", "^(a|a?)+$", "^([a-z]+)*[0-9]$", "^(a+)+b|-muted$"]""";

    private static readonly string Stem = new('a', 32);

    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync();
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await _harness.PutAsync("consul-alerts/config/checks/blacklist/checks", Patterns);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CatastrophicBlacklistPatterns_UnderRequestLoad_DecideRightAndKeepTheDaemonPrompt()
    {
        string[] hostile = [.. Enumerable.Range(1, HostileChecks).Select(i => $"{Stem}-{i}")];
        string muted = Stem + "-muted";
        foreach (var checkId in hostile.Append(muted))
        {
            await _harness.RegisterTtlCheckAsync(checkId.Replace(Stem, "svc", StringComparison.Ordinal), checkId);
        }

        await _harness.RegisterTtlCheckAsync("web", "web-ttl");

        await _harness.StartDaemonAsync("web", "web-ttl");
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var load = Enumerable.Range(0, Clients).Select(i => LoadAsync(i % 2 == 0 ? "v1/health/wildcard" : "v1/dashboard", stop.Token)).ToList();
        try
        {
            foreach (var checkId in hostile.Append(muted))
            {
                await _harness.SetCheckAsync(checkId, "fail");
            }

            await _harness.SetCheckAsync("web-ttl", "fail");

            // Every check that is not muted is notified, while the load goes on; /healthz answers all along.
            var probe = ProbeHealthzAsync(stop.Token);
            await _harness.WaitUntilAsync(
                () => hostile.Append("web-ttl").All(id => _harness.LogLines().Any(l => l.Contains($"Check={id} check,", StringComparison.Ordinal))),
                "a notification for every check that is not blacklisted");
            using (var api = TestNetwork.NewClient())
            {
                using var response = await api.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/v1/health/wildcard?status=critical&alwaysOk=1"));
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                body.RootElement.EnumerateArray().Select(c => c.GetProperty("CheckID").GetString()).Order(StringComparer.Ordinal)
                    .ShouldBe(hostile.Append("web-ttl").Order(StringComparer.Ordinal), "the muted check is blacklisted, no other is");
            }

            await stop.CancelAsync();
            var slowest = await probe;
            slowest.ShouldBeLessThan(TimeSpan.FromSeconds(5), "/healthz stays prompt under the load");
            _harness.LogLines().ShouldNotContain(l => l.Contains(muted, StringComparison.Ordinal), "it failed with the others, and they were all notified");
        }
        finally
        {
            await stop.CancelAsync();
            var served = (await Task.WhenAll(load)).Sum();
            served.ShouldBeGreaterThan(0, "the load reached the daemon");
        }
    }

    // Requests one after the other until stopped; returns how many were answered.
    private async Task<int> LoadAsync(string path, CancellationToken stop)
    {
        using var api = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
        int served = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await api.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/{path}"), stop);
                await response.Content.ReadAsByteArrayAsync(stop);
                served++;

                // A short pause: each request cost seconds of CPU before patterns ran in linear time, and with them it
                // costs little, so the load is no burden to tests running alongside.
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        return served;
    }

    // The slowest /healthz answer while the load runs.
    private async Task<TimeSpan> ProbeHealthzAsync(CancellationToken stop)
    {
        using var api = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var slowest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await api.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/healthz"), CancellationToken.None))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return slowest;
    }
}
