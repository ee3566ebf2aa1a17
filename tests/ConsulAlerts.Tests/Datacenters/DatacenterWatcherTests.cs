using ConsulAlerts.Checks;
using ConsulAlerts.Datacenters;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Datacenters;

public sealed class DatacenterWatcherTests
{
    [Fact]
    public async Task RunAsync_AgentsOwnOnly_ReturnsAtOnceWatchingNothing()
    {
        await using var agent = await DevAgentClient.StartAsync();
        var stage = new DatacenterStage(new RecordingSnapshotSink(), "dc1", TimeProvider.System);

        await new DatacenterWatcher(agent.Client, stage, DatacenterSelection.LocalOnly, NullLoggerFactory.Instance, TimeProvider.System)
            .RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        stage.Remotes.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_All_WatchesEveryOtherDatacenterConsulLists()
    {
        await using var agent = await DevAgentClient.StartAsync(new DevAgentOptions { Datacenters = ["dc2", "dc3"] });
        var sink = new RecordingSnapshotSink();
        var stage = new DatacenterStage(sink, "dc1", TimeProvider.System);
        stage.Apply([]);
        using var stop = new CancellationTokenSource();

        var run = new DatacenterWatcher(agent.Client, stage, DatacenterSelection.Parse("all", out _)!, NullLoggerFactory.Instance, TimeProvider.System).RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => stage.Status.Count(d => d.Reachable == true) == 2, "dc2 and dc3 answered");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        stage.Remotes.ShouldBe(["dc2", "dc3"]);
        var snapshot = sink.Snapshots[^1];
        snapshot.Where(c => c.CheckId == "serfHealth").Select(c => (c.Node, c.Datacenter)).Order().ShouldBe([("dev-agent-dc2", "dc2"), ("dev-agent-dc3", "dc3")]);
    }

    [Fact]
    public async Task RunAsync_ListedDatacenterUnreachable_ItsCheckCriticalWithTheAgentsError()
    {
        await using var agent = await DevAgentClient.StartAsync(new DevAgentOptions { Datacenters = ["dc2", "dc3"] });
        agent.Agent.Faults.UnreachableDatacenters = ["dc2"];
        var sink = new RecordingSnapshotSink();
        var stage = new DatacenterStage(sink, "dc1", TimeProvider.System);
        stage.Apply([]);
        using var stop = new CancellationTokenSource();

        var run = new DatacenterWatcher(agent.Client, stage, DatacenterSelection.Parse("dc1,dc2", out _)!, NullLoggerFactory.Instance, TimeProvider.System).RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => stage.Status.Any(d => d.Name == "dc2" && d.Reachable == false), "dc2 failing");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        stage.Remotes.ShouldBe(["dc2"]);
        var check = sink.Snapshots[^1].ShouldHaveSingleItem();
        (check.CheckId, check.Datacenter, check.Status).ShouldBe((DatacenterStage.CheckId, "dc2", "critical"));
        check.Output.ShouldContain("connection refused");
    }

    [Fact]
    public async Task RunAsync_LocalAgentUnreachable_OtherDatacenterNotTakenForUnreachable()
    {
        await using var agent = await DevAgentClient.StartAsync(new DevAgentOptions { Datacenters = ["dc2"] });
        var sink = new RecordingSnapshotSink();
        var stage = new DatacenterStage(sink, "dc1", TimeProvider.System);
        stage.Apply([]);
        using var logs = new FakeLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        using var stop = new CancellationTokenSource();
        // Blocking reads of 1 s, so that a new read meets the dropped connections soon.
        var pace = new HealthWatcherOptions { Loop = new HealthWatcherOptions().Loop with { WaitTime = TimeSpan.FromSeconds(1) } };
        var run = new DatacenterWatcher(agent.Client, stage, DatacenterSelection.Parse("dc2", out _)!, loggers, TimeProvider.System, pace).RunAsync(stop.Token);
        await Eventually.ShouldHoldAsync(() => stage.Status.Any(d => d.Name == "dc2" && d.Reachable == true), "dc2 answered");

        agent.Agent.Faults.DropConnections = true;
        await Eventually.ShouldHoldAsync(
            () => logs.Messages.Any(m => m.Contains("health/state/any?dc=dc2 failed (Transport)", StringComparison.Ordinal)),
            "dc2's read failing on the local agent",
            diagnostics: () => Task.FromResult(string.Join("\n", logs.Messages)));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        stage.Status.Single(d => d.Name == "dc2").Reachable.ShouldBe(true);
        sink.Snapshots.ShouldAllBe(s => s.All(c => c.Status != "critical"));
    }
}
