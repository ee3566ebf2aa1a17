using System.Net.Http.Json;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Tests.Testing;
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

    private readonly TrackedTimeProvider _trackerTime = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingDecisionSink _sink = new();
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
        _tracker = new CheckTracker(_config, _sink, NullLogger<CheckTracker>.Instance, _trackerTime);
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
        _tracker.Dispose();
        _client.Dispose();
        _http.Dispose();
        await _agent.DisposeAsync();
    }

    public void Dispose()
    {
        // DisposeAsync has done the work; this only satisfies ownership of the disposable fields.
        _tracker?.Dispose();
        _http?.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ThousandChecksTenFlip_SteadyStateIsQuietAndAChangeCostsOneResponseAndOneStep()
    {
        for (var n = 0; n < Nodes; n++)
        {
            await RegisterAsync(n, Enumerable.Range(0, ChecksPerNode), CheckStatus.Passing);
        }

        var expected = await CountHealthChecksAsync();
        expected.ShouldBeGreaterThanOrEqualTo(Nodes * ChecksPerNode);
        _tracker.Load([]);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.Count == expected, "the first snapshot is tracked");
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 2, "the watcher blocks on the next index");

        // Every new check's state is handed on once, in one step; nothing is read per check.
        _sink.Steps.ShouldHaveSingleItem().Writes.Count.ShouldBe(expected);
        _agent.Requests.Count("GET", "/v1/kv/").ShouldBe(0);
        _sink.Transitions.ShouldBeEmpty();

        // Its one read waits in the agent for a change: a loop parked there polls nothing.
        _agent.Requests.Reset();
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Parked("GET", HealthPath) == 1, "the watcher's read waits in the agent");
        _agent.Requests.Total.ShouldBe(0);

        await RegisterAsync(3, Enumerable.Range(0, 10), CheckStatus.Critical);
        await Eventually.ShouldHoldAsync(() => _tracker.PendingCount == 10, "the ten flips are pending");
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 1, "the watcher blocks again");

        _sink.Steps.Count.ShouldBe(2);
        _agent.Requests.Total.ShouldBe(2);

        _trackerTime.Advance(TimeSpan.FromSeconds(30));

        _sink.Transitions.Count.ShouldBe(10);
        _sink.Transitions.ShouldAllBe(t => t.PreviousStatus == CheckStatus.Passing && t.Status == CheckStatus.Critical && t.Check.Node == "node-3");
        _agent.Requests.Count("GET", HealthPath).ShouldBe(1);
        _sink.Steps.Count.ShouldBe(3);
        var state = _sink.Store.Stored["node-3/_/check-7"];
        state.Current.ShouldBe(CheckStatus.Critical);
        state.ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task RequestRefresh_WhileBlocking_ReReadsConsulAtOnce()
    {
        await RegisterAsync(0, Enumerable.Range(0, 3), CheckStatus.Passing);
        _tracker.Load([]);
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
        _tracker.Load([]);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", HealthPath) == 2, "the watcher blocks");

        Parallel.For(0, 50, _ => _watcher.RequestRefresh());

        // Once the refreshes are served the watcher waits in the agent again: every read they caused has been made.
        await Eventually.ShouldHoldAsync(
            () => _agent.Requests.Count("GET", HealthPath) >= 4 && _agent.Requests.Parked("GET", HealthPath) == 1,
            "the refresh re-read Consul and the watcher waits again");
        _agent.Requests.Count("GET", HealthPath).ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task RunAsync_ChecksDeregistered_VanishAndStateDeleted()
    {
        await RegisterAsync(0, Enumerable.Range(0, 3), CheckStatus.Passing);
        _tracker.Load([]);
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.TryGet(new CheckKey("node-0", "check-2"), out _), "the check is tracked");
        _sink.Store.Stored.ContainsKey("node-0/_/check-2").ShouldBeTrue();

        using var response = await _http.PutAsJsonAsync("/v1/catalog/deregister", new { Node = "node-0", CheckID = "check-2" });
        response.EnsureSuccessStatusCode();

        await Eventually.ShouldHoldAsync(() => _sink.Vanished.Count == 1, "the check vanished");
        _sink.Vanished.ShouldHaveSingleItem().CheckId.ShouldBe("check-2");
        _tracker.TryGet(new CheckKey("node-0", "check-2"), out _).ShouldBeFalse();
        _sink.Store.Stored.ContainsKey("node-0/_/check-2").ShouldBeFalse();
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

        _tracker.Load(await new CheckStateStore(_client, "consul-alerts", NullLogger<CheckStateStore>.Instance).LoadAsync(_stop.Token));
        _running = _watcher.RunAsync(_stop.Token);
        await Eventually.ShouldHoldAsync(() => _tracker.Count >= 2 && _sink.Transitions.Count == 1, "the stored notification is sent again");

        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("check-0");
        _agent.Requests.Count("GET", "/v1/kv/").ShouldBe(1);
        State("node-0", "check-0").ForNotification.ShouldBeFalse();
        State("node-0", "check-1").Pending.ShouldBe(CheckStatus.Critical);
        _sink.Store.Stored["node-0/_/check-0"].ForNotification.ShouldBeFalse();
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
