using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

public sealed class CheckTrackerTests : IDisposable
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly TrackedTimeProvider _time = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingStateStore _store = new();
    private readonly RecordingDecisionSink _sink;
    private CheckTracker? _tracker;

    public CheckTrackerTests() => _sink = new RecordingDecisionSink(_store);

    // Loaded on first use, as the engine always loads before the first snapshot; tests set stored state before that.
    private CheckTracker Tracker => _tracker ??= NewLoadedTracker();

    public void Dispose() => _tracker?.Dispose();

    [Fact]
    public void Apply_FirstSeenPassing_BecomesCurrentSilently()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);

        _time.Advance(TimeSpan.FromMinutes(5));

        _sink.Transitions.ShouldBeEmpty();
        var state = State("n1", "web");
        state.Current.ShouldBe(CheckStatus.Passing);
        state.CurrentTimestamp.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        state.Pending.ShouldBe("");
        _time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public void Apply_FirstSeenCritical_NotifiedAfterThresholdWithEmptyPreviousStatus()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        State("n1", "web").Pending.ShouldBe(CheckStatus.Critical);

        _time.Advance(TimeSpan.FromSeconds(10));

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        transition.PreviousStatus.ShouldBe("");
        transition.Status.ShouldBe(CheckStatus.Critical);
        transition.Check.CheckId.ShouldBe("web");
        State("n1", "web").Current.ShouldBe(CheckStatus.Critical);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(60)]
    public void Timer_PendingStatus_FiresExactlyAtThresholdWithoutNewSnapshot(int seconds)
    {
        Threshold(seconds);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(3));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        var changedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(seconds) - Ms);
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Pending.ShouldBe(CheckStatus.Critical);

        _time.Advance(Ms);

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        transition.PreviousStatus.ShouldBe(CheckStatus.Passing);
        transition.Status.ShouldBe(CheckStatus.Critical);
        transition.At.ShouldBe(changedAt + TimeSpan.FromSeconds(seconds));
        var state = State("n1", "web");
        state.Current.ShouldBe(CheckStatus.Critical);
        state.CurrentTimestamp.ShouldBe(changedAt + TimeSpan.FromSeconds(seconds));
        state.Pending.ShouldBe("");
        state.PendingTimestamp.ShouldBe(default);
    }

    [Fact]
    public void Apply_FlappingFasterThanThreshold_NotifiesNothing()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        for (var i = 0; i < 10; i++)
        {
            Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
            _time.Advance(TimeSpan.FromMilliseconds(900));
            Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
            _time.Advance(TimeSpan.FromMilliseconds(900));
        }

        _time.Advance(TimeSpan.FromMinutes(10));

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Passing);
        State("n1", "web").Pending.ShouldBe("");
    }

    [Fact]
    public void Apply_Flapping10000TimesFasterThanTheThreshold_OneTimerEntryAndNothingNotified()
    {
        Threshold(60);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        for (var flap = 0; flap < 10_000; flap++)
        {
            Tracker.Apply([Check("n1", "web", flap % 2 == 0 ? CheckStatus.Critical : CheckStatus.Warning)]);
            Tracker.ArmedTimers.ShouldBeLessThanOrEqualTo(1);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Tracker.ArmedTimers.ShouldBe(1);
        _time.PendingTimers.ShouldBe(1);
        _sink.Transitions.ShouldBeEmpty();

        _time.Advance(TimeSpan.FromSeconds(60));
        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Warning);
        Tracker.ArmedTimers.ShouldBe(0);
    }

    [Fact]
    public void Apply_BackToCurrentBeforeThreshold_ClearsPending()
    {
        Threshold(60);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        State("n1", "web").Pending.ShouldBe(CheckStatus.Warning);

        _time.Advance(TimeSpan.FromSeconds(59));
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);

        var state = State("n1", "web");
        state.Pending.ShouldBe("");
        state.PendingTimestamp.ShouldBe(default);
        _time.PendingTimers.ShouldBe(0);
        _time.Advance(TimeSpan.FromMinutes(5));
        _sink.Transitions.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_Recovery_NotifiesPassingTransition()
    {
        Threshold(5);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: "back")]);
        _time.Advance(TimeSpan.FromSeconds(5));

        _sink.Transitions.Select(t => (t.PreviousStatus, t.Status)).ShouldBe(
        [
            (CheckStatus.Passing, CheckStatus.Critical),
            (CheckStatus.Critical, CheckStatus.Passing),
        ]);
        _sink.Transitions[^1].Check.Output.ShouldBe("back");
    }

    [Fact]
    public void Apply_ThirdStatusWhilePending_RestartsTimer()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        _time.Advance(TimeSpan.FromSeconds(6));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        var restartedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(10) - Ms);
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").PendingTimestamp.ShouldBe(restartedAt);

        _time.Advance(Ms);
        var transition = _sink.Transitions.ShouldHaveSingleItem();
        (transition.PreviousStatus, transition.Status).ShouldBe((CheckStatus.Passing, CheckStatus.Critical));
    }

    [Theory]
    [InlineData("_node_maintenance")]
    [InlineData("_service_maintenance:web")]
    public void Apply_MaintenanceCheck_TrackedButNeverNotified(string checkId)
    {
        Threshold(1);
        Tracker.Apply([Check("n1", checkId, CheckStatus.Critical, output: "down for upgrade")]);
        _time.Advance(TimeSpan.FromSeconds(2));
        Tracker.Apply([Check("n1", checkId, CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(2));

        _sink.Transitions.ShouldBeEmpty();
        State("n1", checkId).Current.ShouldBe(CheckStatus.Passing);
        Tracker.All.ShouldHaveSingleItem().HealthCheck.CheckId.ShouldBe(checkId);
    }

    [Fact]
    public void Apply_CheckDisappears_ReportsVanishedDeletesStateAndNotifiesNothing()
    {
        Threshold(1);
        _ = Tracker.Count; // loads the stored state
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, serviceId: "web"), Check("n1", "db", CheckStatus.Critical)]);
        _store.Stored.Keys.Order().ShouldBe(["n1/_/db", "n1/web/web"]);

        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, serviceId: "web")]);
        _time.Advance(TimeSpan.FromMinutes(1));

        _sink.Vanished.ShouldHaveSingleItem().CheckId.ShouldBe("db");
        _sink.Transitions.ShouldBeEmpty();
        Tracker.TryGet(new CheckKey("n1", "db"), out _).ShouldBeFalse();
        _store.Stored.Keys.ShouldBe(["n1/web/web"]);
        _sink.Writes[^1].ShouldContain(new CheckStateChange("n1/_/db", null));
        _time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public void Apply_DatacenterNotReadYet_ItsStoredChecksKeptOthersVanish()
    {
        Threshold(1);
        _ = Tracker.Count;
        var remote = Check("n1", "db", CheckStatus.Critical) with { Datacenter = "dc2" };
        var gone = Check("n1", "db", CheckStatus.Critical) with { Datacenter = "dc3" };
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing), remote, gone]);
        _time.Advance(TimeSpan.FromSeconds(1));
        _store.Stored.Keys.Order().ShouldBe(["dc2/n1/_/db", "dc3/n1/_/db", "n1/_/web"]);

        Tracker.Apply(new HealthSnapshot([Check("n1", "web", CheckStatus.Passing)], new HashSet<string>(["dc2"])));

        _sink.Vanished.ShouldHaveSingleItem().Datacenter.ShouldBe("dc3");
        Tracker.TryGet(new CheckKey("n1", "db", "dc2"), out var kept).ShouldBeTrue();
        kept.Current.ShouldBe(CheckStatus.Critical);
        _store.Stored.Keys.Order().ShouldBe(["dc2/n1/_/db", "n1/_/web"]);
    }

    [Fact]
    public void Apply_SameNodeAndCheckInTwoDatacenters_TrackedApart()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "db", CheckStatus.Passing), Check("n1", "db", CheckStatus.Passing) with { Datacenter = "dc2" }]);

        Tracker.Apply([Check("n1", "db", CheckStatus.Passing), Check("n1", "db", CheckStatus.Critical) with { Datacenter = "dc2" }]);
        _time.Advance(TimeSpan.FromSeconds(1));

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        transition.Check.Datacenter.ShouldBe("dc2");
        State("n1", "db").Current.ShouldBe(CheckStatus.Passing);
    }

    [Theory]
    [InlineData("single", 5)]
    [InlineData("check", 6)]
    [InlineData("service", 7)]
    [InlineData("node", 8)]
    public void Apply_ThresholdOverride_UsesMostSpecificThreshold(string level, int seconds)
    {
        var overrides = new ThresholdOverrides
        {
            Single = level == "single" ? Map((ThresholdOverrides.SingleKey("n1", "web", "http"), 5)) : Map(),
            Check = level is "single" or "check" ? Map(("http", 6)) : Map(),
            Service = level is not "node" ? Map(("web", 7)) : Map(),
            Node = Map(("n1", 8)),
        };
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(60), Overrides = overrides } });
        Tracker.Apply([Check("n1", "http", CheckStatus.Passing, serviceId: "web"), Check("n2", "http2", CheckStatus.Passing, serviceId: "api")]);
        Tracker.Apply([Check("n1", "http", CheckStatus.Critical, serviceId: "web"), Check("n2", "http2", CheckStatus.Critical, serviceId: "api")]);

        _time.Advance(TimeSpan.FromSeconds(seconds) - Ms);
        _sink.Transitions.ShouldBeEmpty();

        _time.Advance(Ms);
        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("http");

        _time.Advance(TimeSpan.FromSeconds(60 - seconds));
        _sink.Transitions.Select(t => t.Check.CheckId).ShouldBe(["http", "http2"]);
    }

    [Fact]
    public void ConfigChanged_WhilePending_AppliesNewThresholdFromPendingTimestamp()
    {
        Threshold(60);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));

        Threshold(10);
        _time.Advance(TimeSpan.FromSeconds(5) - Ms);
        _sink.Transitions.ShouldBeEmpty();
        _time.Advance(Ms);

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public void Apply_ChecksDisabled_TracksWithoutTransitions()
    {
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { Enabled = false, ChangeThreshold = TimeSpan.FromSeconds(1) } });
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(2));

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Critical);
        State("n1", "web").ForNotification.ShouldBeFalse();
    }

    [Fact]
    public void Apply_OutputChange_UpdatesLiveCheckButWritesNothing()
    {
        Threshold(1);
        _ = Tracker.Count; // loads the stored state
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: "200 OK")]);
        var writes = _sink.Steps.Count;

        for (var i = 0; i < 5; i++)
        {
            Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: $"200 OK in {i} ms")]);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        _sink.Steps.Count.ShouldBe(writes);
        State("n1", "web").HealthCheck.Output.ShouldBe("200 OK in 4 ms");
        Tracker.All.ShouldHaveSingleItem().HealthCheck.Output.ShouldBe("200 OK in 4 ms");
    }

    [Fact]
    public void Timer_ManyChecksDueTogether_ConfirmedAndHandedOnAsOneStep()
    {
        Threshold(30);
        Tracker.Apply(Enumerable.Range(0, 40).Select(i => Check($"n{i}", "web", CheckStatus.Critical)).ToList());
        var stepsBefore = _sink.Steps.Count;

        _time.Advance(TimeSpan.FromSeconds(30));

        var step = _sink.Steps.Skip(stepsBefore).ShouldHaveSingleItem();
        step.Changes.Count.ShouldBe(40);
        step.Changes.ShouldAllBe(c => c.Record.State!.Current == CheckStatus.Critical && !c.Record.State.ForNotification);
        _time.PendingTimers.ShouldBe(0);
        Tracker.ArmedTimers.ShouldBe(0);
    }

    [Fact]
    public void LoadAsync_StoredPending_ContinuesFromStoredPendingTimestamp()
    {
        Threshold(60);
        var now = _time.GetUtcNow();
        _store.Stored["n1/web/http"] = new CheckState
        {
            Current = CheckStatus.Passing,
            CurrentTimestamp = now - TimeSpan.FromHours(1),
            Pending = CheckStatus.Critical,
            PendingTimestamp = now - TimeSpan.FromSeconds(50),
            HealthCheck = Check("n1", "http", CheckStatus.Critical, serviceId: "web"),
        };
        _ = Tracker.Count; // loads the stored state

        Tracker.Apply([Check("n1", "http", CheckStatus.Critical, serviceId: "web")]);
        _time.Advance(TimeSpan.FromSeconds(10) - Ms);
        _sink.Transitions.ShouldBeEmpty();
        _time.Advance(Ms);

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        (transition.PreviousStatus, transition.Status).ShouldBe((CheckStatus.Passing, CheckStatus.Critical));
    }

    [Fact]
    public void LoadAsync_StoredForNotification_DeliveredAgainAndCleared()
    {
        _store.Stored["n1/_/disk"] = new CheckState
        {
            Current = CheckStatus.Warning,
            CurrentTimestamp = _time.GetUtcNow() - TimeSpan.FromMinutes(1),
            HealthCheck = Check("n1", "disk", CheckStatus.Warning),
            ForNotification = true,
        };

        _ = Tracker.Count; // loads the stored state

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        transition.Status.ShouldBe(CheckStatus.Warning);
        transition.Check.CheckId.ShouldBe("disk");
        _store.Stored["n1/_/disk"].ForNotification.ShouldBeFalse();
    }

    [Fact]
    public void Apply_FirstSeenCriticalPassingBeforeThreshold_SilentAndPassing()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromMinutes(1));

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Passing);
        State("n1", "web").Pending.ShouldBe("");
    }

    [Fact]
    public void Apply_CheckMovesToAnotherService_StateKeyMoves()
    {
        _ = Tracker.Count; // loads the stored state
        Tracker.Apply([Check("n1", "http", CheckStatus.Passing, serviceId: "web-1")]);

        Tracker.Apply([Check("n1", "http", CheckStatus.Passing, serviceId: "web-2")]);

        _store.Stored.Keys.ShouldBe(["n1/web-2/http"]);
        _store.Stored["n1/web-2/http"].HealthCheck.ServiceId.ShouldBe("web-2");
    }

    [Fact]
    public void Stop_WithPendingChecks_StopsTimersAndIgnoresLaterSnapshots()
    {
        Threshold(10);
        using var tracker = NewTracker();
        tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.PendingTimers.ShouldBe(1);
        var steps = _sink.Steps.Count;

        tracker.Stop();
        tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        _time.Advance(TimeSpan.FromMinutes(1));

        _time.PendingTimers.ShouldBe(0);
        _sink.Steps.Count.ShouldBe(steps);
    }

    [Fact]
    public void Apply_FlappingFasterThanTheReads_EveryReadCriticalButIndexMoved_NotNotified()
    {
        // Reads once a second land just after each critical write of a 2 Hz flap: every sample says critical, but the
        // index moves between any two of them, so critical never held for the threshold.
        Threshold(5);
        ulong index = 10;
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing) with { ModifyIndex = index }]);
        for (var read = 0; read < 12; read++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            index += 2; // passing, then critical again, between two reads
            Tracker.Apply([Check("n1", "web", CheckStatus.Critical) with { ModifyIndex = index }]);
        }
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").PendingTimestamp.ShouldBe(_time.GetUtcNow());

        // Once it stops flapping, critical holds for the threshold and is notified.
        _time.Advance(TimeSpan.FromSeconds(5));
        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public void Apply_SameIndexReadAgain_PendingWaitContinues()
    {
        Threshold(5);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing) with { ModifyIndex = 10 }]);
        _time.Advance(TimeSpan.FromSeconds(1));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical) with { ModifyIndex = 11 }]);
        var since = _time.GetUtcNow();
        for (var read = 0; read < 4; read++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Tracker.Apply([Check("n1", "web", CheckStatus.Critical, output: $"read {read}") with { ModifyIndex = 11 }]);
        }

        State("n1", "web").PendingTimestamp.ShouldBe(since);
        _time.Advance(TimeSpan.FromSeconds(1));
        _sink.Transitions.ShouldHaveSingleItem().At.ShouldBe(since + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Apply_StoredStateThenFirstRead_UnknownIndexDoesNotRestartTheWait()
    {
        Threshold(5);
        var pendingSince = _time.GetUtcNow();
        _store.Stored["n1/_/web"] = new CheckState
        {
            Current = CheckStatus.Passing,
            Pending = CheckStatus.Critical,
            PendingTimestamp = pendingSince,
            HealthCheck = Check("n1", "web", CheckStatus.Critical),
        };
        _time.Advance(TimeSpan.FromSeconds(3));

        Tracker.Apply([Check("n1", "web", CheckStatus.Critical) with { ModifyIndex = 42 }]);

        State("n1", "web").PendingTimestamp.ShouldBe(pendingSince);
        _time.Advance(TimeSpan.FromSeconds(2));
        _sink.Transitions.ShouldHaveSingleItem();
    }

    internal static CheckInfo Check(string node, string checkId, string status, string output = "", string serviceId = "") => new()
    {
        Node = node,
        CheckId = checkId,
        Name = $"{checkId} check",
        Status = status,
        Output = output,
        ServiceId = serviceId,
        ServiceName = serviceId,
    };

    private static Dictionary<string, TimeSpan> Map(params (string Key, int Seconds)[] entries) =>
        entries.ToDictionary(e => e.Key, e => TimeSpan.FromSeconds(e.Seconds), StringComparer.Ordinal);

    private CheckTracker NewTracker() => new(_config, _sink, NullLogger<CheckTracker>.Instance, _time);

    private CheckTracker NewLoadedTracker()
    {
        var tracker = NewTracker();
        tracker.Load(_store.Stored.Select(p => new StoredCheckState(p.Key, p.Value)).ToList());
        return tracker;
    }

    private void Threshold(int seconds) =>
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(seconds) } });

    private CheckState State(string node, string checkId)
    {
        Tracker.TryGet(new CheckKey(node, checkId), out var state).ShouldBeTrue();
        return state;
    }
}
