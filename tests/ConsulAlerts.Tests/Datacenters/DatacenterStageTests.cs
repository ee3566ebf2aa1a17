using ConsulAlerts.Checks;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Datacenters;

public sealed class DatacenterStageTests
{
    private static readonly CheckInfo Local = new() { Node = "web", CheckId = "http", Status = "passing" };
    private static readonly CheckInfo Remote = new() { Node = "db", CheckId = "disk", Status = "critical", Datacenter = "dc2" };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingSnapshotSink _sink = new();

    [Fact]
    public void Apply_LocalOnly_SnapshotPassedOnAsIs()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        IReadOnlyList<CheckInfo> snapshot = [Local];

        stage.Apply(snapshot);
        stage.Confirm();

        _sink.Snapshots.ShouldHaveSingleItem().ShouldBeSameAs(snapshot);
        _sink.Confirmations.ShouldBe(1);
    }

    [Fact]
    public void Watch_RemoteNotReadYet_NamedUnreadAndWithoutItsCheck()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Apply([Local]);

        stage.Watch(["dc1", "dc2"]);

        var snapshot = _sink.Snapshots[^1];
        snapshot.ShouldBe([Local]);
        HealthSnapshot.UnreadOf(snapshot).ShouldBe(["dc2"]);
        stage.Remotes.ShouldBe(["dc2"]);
    }

    [Fact]
    public void ApplyRemote_ThenAnswered_BothDatacentersAndAPassingReachabilityCheck()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);

        stage.ApplyRemote("dc2", [Remote]);
        stage.RemoteAnswered("dc2");

        var snapshot = _sink.Snapshots[^1];
        HealthSnapshot.UnreadOf(snapshot).ShouldBeEmpty();
        snapshot.Take(2).ShouldBe([Local, Remote]);
        var reachability = snapshot[2];
        (reachability.Node, reachability.CheckId, reachability.Datacenter, reachability.Status).ShouldBe(("_consul", "consul-datacenter", "dc2", "passing"));
        CheckStateStore.KeyOf(reachability).ShouldBe("dc2/_consul/_/consul-datacenter");
    }

    [Fact]
    public void RemoteFailed_AfterARead_ChecksKeptAndTheReachabilityCheckCritical()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);
        stage.ApplyRemote("dc2", [Remote]);
        stage.RemoteAnswered("dc2");

        stage.RemoteFailed("dc2", new InvalidOperationException("500 No path to datacenter"));
        stage.RemoteFailed("dc2", new InvalidOperationException("500 rpc error"));

        var snapshot = _sink.Snapshots[^1];
        snapshot.ShouldContain(Remote);
        var reachability = snapshot.Single(c => c.CheckId == DatacenterStage.CheckId);
        reachability.Status.ShouldBe("critical");
        reachability.Output.ShouldContain("No path to datacenter");
        _sink.Snapshots.Count(s => s.Any(c => c.CheckId == DatacenterStage.CheckId && c.Status == "critical")).ShouldBe(1, "a repeated failure hands on nothing new");
        var status = stage.Status.Single(d => d.Name == "dc2");
        (status.Reachable, status.Checks, status.FailingSince).ShouldBe((false, 1, _time.GetUtcNow()));
    }

    [Fact]
    public void RemoteFailed_NeverRead_StillUnreadWithACriticalReachabilityCheck()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);

        stage.RemoteFailed("dc2", new InvalidOperationException("500 No path to datacenter"));

        var snapshot = _sink.Snapshots[^1];
        HealthSnapshot.UnreadOf(snapshot).ShouldBe(["dc2"]);
        snapshot.Single(c => c.CheckId == DatacenterStage.CheckId).Status.ShouldBe("critical");
    }

    [Fact]
    public void RemoteAnswered_AfterAFailure_PassingAgainWithTheSameChecks()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);
        stage.ApplyRemote("dc2", [Remote]);
        stage.RemoteFailed("dc2", new InvalidOperationException("down"));
        _time.Advance(TimeSpan.FromMinutes(2));

        stage.RemoteAnswered("dc2");

        _sink.Snapshots[^1].Single(c => c.CheckId == DatacenterStage.CheckId).Status.ShouldBe("passing");
        stage.Status.Single(d => d.Name == "dc2").ShouldBe(new DatacenterStatus("dc2", false, true, _time.GetUtcNow(), 1, null, null));
    }

    [Fact]
    public void Watch_DatacenterDropped_ItsChecksLeaveTheSnapshot()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);
        stage.ApplyRemote("dc2", [Remote]);

        stage.Watch([]);
        stage.ApplyRemote("dc2", [Remote]);

        _sink.Snapshots[^1].ShouldBe([Local]);
    }

    [Fact]
    public void ApplyRemote_ItsOwnConsulDatacenterCheck_LeftOutForTheSyntheticOne()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);
        var impostor = new CheckInfo { Node = "_consul", CheckId = DatacenterStage.CheckId, Status = "passing", Datacenter = "dc2" };

        stage.ApplyRemote("dc2", [Remote, impostor]);
        stage.RemoteFailed("dc2", new InvalidOperationException("down"));

        _sink.Snapshots[^1].Where(c => c.CheckId == DatacenterStage.CheckId).ShouldHaveSingleItem().Status.ShouldBe("critical");
    }

    [Fact]
    public void Status_LocalFirst_WithItsOwnFailure()
    {
        var stage = new DatacenterStage(_sink, "dc1", _time);
        stage.Watch(["dc2"]);
        stage.Apply([Local]);
        stage.Confirm();

        stage.LocalFailed(new InvalidOperationException("connection refused"));

        var local = stage.Status[0];
        (local.Name, local.Local, local.Reachable, local.Checks, local.Error).ShouldBe(("dc1", true, false, 1, "connection refused"));
        stage.Status[1].ShouldBe(new DatacenterStatus("dc2", false, null, null, 0, null, null));
    }
}
