using System.Net.Http.Json;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

/// <summary>
/// The watcher and tracker against the dev agent over real HTTP. The watcher runs on the real clock (its blocking
/// queries are real); the tracker's debounce runs on a virtual clock so thresholds are exact.
/// </summary>
public sealed class HealthWatcherTests : IAsyncLifetime, IDisposable
{
    private const string HealthPath = "/v1/health/state/any";
    private const int Nodes = 10;
    private const int ChecksPerNode = 100;

    private readonly FakeTimeProvider _trackerTime = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingAlertSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private DevAgentServer _agent = null!;
    private HttpClient _http = null!;
    private ConsulClient _client = null!;
    private CheckTracker _tracker = null!;
    private HealthWatcher _watcher = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _http = new HttpClient { BaseAddress = _agent.Address };
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(30) } });
        var store = new CheckStateStore(_client, "consul-alerts", NullLogger<CheckStateStore>.Instance);
        _tracker = new CheckTracker(_config, _sink, store, NullLogger<CheckTracker>.Instance, _trackerTime);
        // Faster pacing than the default one request per 5 s after a burst, so the tests do not wait for it.
        var options = new HealthWatcherOptions
        {
            Loop = new HealthWatcherOptions().Loop with { RateLimitInterval = TimeSpan.FromMilliseconds(50) },
        };
        _watcher = new HealthWatcher(_client, _tracker, NullLogger<HealthWatcher>.Instance, TimeProvider.System, options);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _tracker.DisposeAsync();
        _client.Dispose();
        _http.Dispose();
        await _agent.DisposeAsync();
    }

    public void Dispose()
    {
        // DisposeAsync has done the work; this only satisfies ownership of the disposable fields.
        _tracker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _http?.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ThousandChecksTenFlip_SteadyStateIsQuietAndAChangeCostsOneResponseAndOneTxn()
    {
        for (var n = 0; n < Nodes; n++)
        {
            await RegisterAsync(n, Enumerable.Range(0, ChecksPerNode), CheckStatus.Passing);
        }

        var expected = await CountHealthChecksAsync();
        expected.ShouldBeGreaterThanOrEqualTo(Nodes * ChecksPerNode);
        await _tracker.LoadAsync(_stop.Token);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.Count == expected, "the first snapshot is tracked");
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 2, "the watcher blocks on the next index");
        await _tracker.FlushAsync();

        // Every new check's state is written once, 64 to a transaction; nothing is read per check.
        _agent.Requests.Count("PUT", "/v1/txn").ShouldBe((expected + 63) / 64);
        _agent.Requests.Count("GET", "/v1/kv/").ShouldBe(1);
        _sink.Transitions.ShouldBeEmpty();

        _agent.Requests.Reset();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        _agent.Requests.Total.ShouldBe(0);

        await RegisterAsync(3, Enumerable.Range(0, 10), CheckStatus.Critical);
        await Eventually.ShouldHoldAsync(() => _tracker.PendingCount == 10, "the ten flips are pending");
        await _tracker.FlushAsync();
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 1, "the watcher blocks again");

        _agent.Requests.Count("PUT", "/v1/txn").ShouldBe(1);
        _agent.Requests.Total.ShouldBe(3);

        _trackerTime.Advance(TimeSpan.FromSeconds(30));
        await _tracker.FlushAsync();

        _sink.Transitions.Count.ShouldBe(10);
        _sink.Transitions.ShouldAllBe(t => t.PreviousStatus == CheckStatus.Passing && t.Status == CheckStatus.Critical && t.Check.Node == "node-3");
        _agent.Requests.Count("GET", HealthPath).ShouldBe(1);
        _agent.Requests.Count("PUT", "/v1/txn").ShouldBeInRange(2, 3);
        var stored = await _client.Kv.GetAsync("consul-alerts/checks/node-3/_/check-7");
        var state = CheckStateStore.Deserialize(stored.Value.ShouldNotBeNull().Value);
        state.Current.ShouldBe(CheckStatus.Critical);
        state.ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task RequestRefresh_WhileBlocking_ReReadsConsulAtOnce()
    {
        await RegisterAsync(0, Enumerable.Range(0, 3), CheckStatus.Passing);
        await _tracker.LoadAsync(_stop.Token);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 2, "the watcher blocks");

        _watcher.RequestRefresh();

        // The refresh read, then a new blocking read.
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 4, "the refresh re-read Consul");
        _tracker.Count.ShouldBe(await CountHealthChecksAsync());
    }

    [Fact]
    public async Task RequestRefresh_ManyAtOnce_CoalescedIntoOneRead()
    {
        await RegisterAsync(0, Enumerable.Range(0, 3), CheckStatus.Passing);
        await _tracker.LoadAsync(_stop.Token);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 2, "the watcher blocks");

        Parallel.For(0, 50, _ => _watcher.RequestRefresh());

        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) >= 4, "the refresh re-read Consul");
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        _agent.Requests.Count("GET", HealthPath).ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task RunAsync_ChecksDeregistered_VanishAndStateDeleted()
    {
        await RegisterAsync(0, Enumerable.Range(0, 3), CheckStatus.Passing);
        await _tracker.LoadAsync(_stop.Token);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.TryGet(new CheckKey("node-0", "check-2"), out _), "the check is tracked");
        await _tracker.FlushAsync();
        (await _client.Kv.GetAsync("consul-alerts/checks/node-0/_/check-2")).Value.ShouldNotBeNull();

        using var response = await _http.PutAsJsonAsync("/v1/catalog/deregister", new { Node = "node-0", CheckID = "check-2" });
        response.EnsureSuccessStatusCode();

        await Eventually.ShouldHoldAsync(() => _sink.Vanished.Count == 1, "the check vanished");
        await _tracker.FlushAsync();
        _sink.Vanished.ShouldHaveSingleItem().CheckId.ShouldBe("check-2");
        _tracker.TryGet(new CheckKey("node-0", "check-2"), out _).ShouldBeFalse();
        (await _client.Kv.GetAsync("consul-alerts/checks/node-0/_/check-2")).Value.ShouldBeNull();
        _sink.Transitions.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_AfterStoredStateLoaded_PendingNotificationResent()
    {
        await RegisterAsync(0, [0, 1], CheckStatus.Critical);
        var stored = new CheckState
        {
            Current = CheckStatus.Critical,
            CurrentTimestamp = _trackerTime.GetUtcNow() - TimeSpan.FromMinutes(3),
            HealthCheck = new CheckInfo { Node = "node-0", CheckId = "check-0", Name = "Check 0", Status = CheckStatus.Critical },
            ForNotification = true,
        };
        (await _client.Kv.PutAsync("consul-alerts/checks/node-0/_/check-0", CheckStateStore.Serialize(stored))).ShouldBeTrue();
        _agent.Requests.Reset();

        await _tracker.LoadAsync(_stop.Token);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.Count >= 2 && _sink.Transitions.Count == 1, "the stored notification is sent again");
        await _tracker.FlushAsync();

        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("check-0");
        _agent.Requests.Count("GET", "/v1/kv/").ShouldBe(1);
        State("node-0", "check-0").ForNotification.ShouldBeFalse();
        State("node-0", "check-1").Pending.ShouldBe(CheckStatus.Critical);
        CheckStateStore.Deserialize((await _client.Kv.GetAsync("consul-alerts/checks/node-0/_/check-0")).Value.ShouldNotBeNull().Value)
            .ForNotification.ShouldBeFalse();
    }

    private CheckState State(string node, string checkId)
    {
        _tracker.TryGet(new CheckKey(node, checkId), out var state).ShouldBeTrue();
        return state;
    }

    private async Task RegisterAsync(int node, IEnumerable<int> checks, string status)
    {
        var body = new
        {
            Node = $"node-{node}",
            Address = $"10.0.0.{node + 1}",
            Checks = checks.Select(c => new { CheckID = $"check-{c}", Name = $"Check {c}", Status = status }).ToArray(),
        };
        using var response = await _http.PutAsJsonAsync("/v1/catalog/register", body);
        response.EnsureSuccessStatusCode();
    }

    private async Task<int> CountHealthChecksAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(HealthPath));
        _agent.Requests.Reset();
        return document.RootElement.GetArrayLength();
    }
}
