using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Leadership;
using ConsulAlerts.Storage;
using ConsulAlerts.Tests.Muting;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class ClusterHealthWatcherTests : IAsyncLifetime
{
    private DevAgentClient _consul = null!;

    public async Task InitializeAsync() => _consul = await DevAgentClient.StartAsync();

    public async Task DisposeAsync() => await _consul.DisposeAsync();

    [Fact]
    public async Task RunAsync_SwitchedOffMidInterval_ChecksLeaveAtOnceNotAnIntervalLater()
    {
        var time = new TrackedTimeProvider();
        var config = new AlertsConfigStore();
        config.Publish(AlertsConfig.Default with { Revision = 1 });
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Apply([]);
        using var watcher = new ClusterHealthWatcher(
            new ClusterProbe(_consul.Client, "consul-alerts/leader", time),
            stage,
            new ClusterOutageAlerter(
                new DirectDelivery([], NullLogger<DirectDelivery>.Instance, time),
                () => new LeadershipStatus(LeadershipRole.Standby, time.GetUtcNow(), null, null, null),
                new FakeSilenceSource(),
                _consul.Client,
                new KvLayout("consul-alerts"),
                () => "test-daemon",
                "dc1",
                NullLogger<ClusterOutageAlerter>.Instance),
            config,
            _consul.Agent.Address.ToString(),
            NullLogger<ClusterHealthWatcher>.Instance,
            time);
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => sink.Snapshots.Count > 0 && sink.Snapshots[^1].Any(c => c.Node == ClusterHealthConfig.Node), "the first round's checks");

        config.Publish(config.Current with
        {
            Revision = 2,
            Checks = config.Current.Checks with { ClusterHealth = config.Current.Checks.ClusterHealth with { Enabled = false } },
        });

        // No time passes: the interval (10 s) has not run out.
        await Eventually.ShouldHoldAsync(() => sink.Snapshots[^1].All(c => c.Node != ClusterHealthConfig.Node), "the checks gone at once");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
