using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class ClusterHealthStageTests
{
    private static readonly CheckInfo Web = new() { Node = "web", CheckId = "http", Status = "passing" };
    private static readonly CheckInfo Leader = new() { Node = "_consul", CheckId = "consul-leader", Status = "passing", ModifyIndex = 1 };

    [Fact]
    public void Apply_BeforeTheFirstRound_HeldWithItsConfirmation()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);

        stage.Apply([Web]);
        stage.Confirm();

        sink.Snapshots.ShouldBeEmpty();
        sink.Confirmations.ShouldBe(0);
    }

    [Fact]
    public void Publish_FirstRound_SnapshotWithBothThenTheHeldConfirmation()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Apply([Web]);
        stage.Confirm();

        stage.Publish([Leader]);

        sink.Snapshots.ShouldHaveSingleItem().ShouldBe([Web, Leader]);
        sink.Confirmations.ShouldBe(1);
    }

    [Fact]
    public void Publish_Unchanged_NoNewSnapshot()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Apply([Web]);
        stage.Publish([Leader]);

        stage.Publish([Leader with { }]);

        sink.Snapshots.Count.ShouldBe(1);
    }

    [Fact]
    public void Apply_AfterTheFirstRound_ForwardedWithTheClusterChecksAndConfirmed()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Publish([Leader]);

        stage.Apply([Web]);
        stage.Confirm();

        sink.Snapshots.ShouldHaveSingleItem().ShouldBe([Web, Leader]);
        sink.Confirmations.ShouldBe(1);
    }

    [Fact]
    public void Apply_NoClusterChecks_SameListInstancePassedOn()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Publish([]);
        IReadOnlyList<CheckInfo> checks = [Web];

        stage.Apply(checks);

        sink.Snapshots.ShouldHaveSingleItem().ShouldBeSameAs(checks);
    }

    [Fact]
    public void Apply_RealNodeNamedLikeTheSyntheticOne_SyntheticCheckWins()
    {
        var sink = new RecordingSnapshotSink();
        var stage = new ClusterHealthStage(sink);
        stage.Publish([Leader]);
        var impostor = Leader with { Status = "critical", ModifyIndex = 99 };
        var other = new CheckInfo { Node = "_consul", CheckId = "something-else", Status = "passing" };

        stage.Apply([Web, impostor, other]);

        sink.Snapshots.ShouldHaveSingleItem().ShouldBe([Web, other, Leader]);
    }
}
