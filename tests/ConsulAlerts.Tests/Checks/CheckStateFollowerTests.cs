using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

/// <summary>A standby following the leader's check state in the dev agent's KV.</summary>
public sealed class CheckStateFollowerTests : IAsyncLifetime
{
    private const string ListPath = "/v1/kv/consul-alerts/checks/";

    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private CheckStateStore _store = null!;
    private CheckEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _store = new CheckStateStore(_client, "consul-alerts", NullLogger<CheckStateStore>.Instance);
        _engine = new CheckEngine(new AlertsConfigStore(), () => new RecordingDecisionSink(), _store, NullLogger<CheckTracker>.Instance, new TrackedTimeProvider());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_LeaderWritesAState_AppearsInTheStandbyViewWithLiveOutput()
    {
        _engine.Apply([Check("web", CheckStatus.Critical, "503 live")]);
        using var stop = new CancellationTokenSource();
        var follower = Follower(TimeProvider.System, TimeSpan.FromMilliseconds(10));
        var running = follower.RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", ListPath) >= 2, "the follower blocks on the state");
        _engine.All.ShouldBeEmpty();

        await WriteAsync(Check("web", CheckStatus.Critical, "503 as stored"), CheckStatus.Critical, forNotification: true);

        await Eventually.ShouldHoldAsync(() => _engine.All.Count == 1, "the written state is followed");
        _engine.TryGet(new CheckKey("node-1", "web"), out var web).ShouldBeTrue();
        web.Current.ShouldBe(CheckStatus.Critical);
        web.ForNotification.ShouldBeTrue();
        web.HealthCheck.Output.ShouldBe("503 live");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_TwentyWritesWithinTheMinInterval_OneMoreListRead()
    {
        var time = new TrackedTimeProvider();
        using var stop = new CancellationTokenSource();
        var running = Follower(time, TimeSpan.FromSeconds(1)).RunAsync(stop.Token);

        // After its first read the follower pauses for MinInterval (virtual time): it holds one timer and reads nothing.
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", ListPath) == 1 && time.PendingTimers == 1, "the follower pauses after its first read");
        for (var i = 0; i < 20; i++)
        {
            await WriteAsync(Check($"check-{i}", CheckStatus.Passing, "ok"), CheckStatus.Passing, forNotification: false);
        }

        // Paused on its timer with no read waiting in the agent, the follower cannot have seen the writes.
        time.PendingTimers.ShouldBe(1);
        _agent.Requests.Parked("GET", ListPath).ShouldBe(0);
        _agent.Requests.Count("GET", ListPath).ShouldBe(1);
        _engine.All.ShouldBeEmpty();

        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.ShouldHoldAsync(() => _engine.All.Count == 20 && time.PendingTimers == 1, "one read takes every write and the follower pauses again");
        _agent.Requests.Count("GET", ListPath).ShouldBe(2);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileBlocking_EndsWithoutThrowing()
    {
        using var stop = new CancellationTokenSource();
        var running = Follower(TimeProvider.System, TimeSpan.Zero).RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => _agent.Requests.Count("GET", ListPath) >= 2, "the follower blocks on the state");

        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(30));
        running.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_CancelledDuringItsPause_EndsWithoutThrowing()
    {
        var time = new TrackedTimeProvider();
        using var stop = new CancellationTokenSource();
        var running = Follower(time, TimeSpan.FromSeconds(1)).RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => time.PendingTimers == 1, "the follower pauses after its first read");

        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(30));
        running.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private static CheckInfo Check(string checkId, string status, string output) => new()
    {
        Node = "node-1",
        CheckId = checkId,
        Name = "check " + checkId,
        Status = status,
        Output = output,
    };

    private CheckStateFollower Follower(TimeProvider time, TimeSpan minInterval) =>
        new(_client, _store, _engine, NullLogger<CheckStateFollower>.Instance, time) { MinInterval = minInterval };

    private Task<bool> WriteAsync(CheckInfo check, string current, bool forNotification) =>
        _client.Kv.PutAsync(
            _store.Prefix + CheckStateStore.KeyOf(check),
            CheckStateStore.Serialize(new CheckState { Current = current, HealthCheck = check, ForNotification = forNotification }));
}
