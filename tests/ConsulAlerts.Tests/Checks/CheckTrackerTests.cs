using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

public sealed class CheckTrackerTests : IAsyncDisposable
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly TrackedTimeProvider _time = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingAlertSink _sink = new();
    private readonly RecordingStateStore _store = new();
    private CheckTracker? _tracker;

    // Loaded on first use, as the engine always loads before the first snapshot; tests set stored state before that.
    private CheckTracker Tracker => _tracker ??= NewLoadedTracker();

    public async ValueTask DisposeAsync()
    {
        if (_tracker is not null)
        {
            await _tracker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Apply_FirstSeenPassing_BecomesCurrentSilently()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);

        _time.Advance(TimeSpan.FromMinutes(5));
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldBeEmpty();
        var state = State("n1", "web");
        state.Current.ShouldBe(CheckStatus.Passing);
        state.CurrentTimestamp.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        state.Pending.ShouldBe("");
        _time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Apply_FirstSeenCritical_NotifiedAfterThresholdWithEmptyPreviousStatus()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        State("n1", "web").Pending.ShouldBe(CheckStatus.Critical);

        _time.Advance(TimeSpan.FromSeconds(10));
        await Tracker.FlushAsync();

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
    public async Task Timer_PendingStatus_FiresExactlyAtThresholdWithoutNewSnapshot(int seconds)
    {
        Threshold(seconds);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(3));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        var changedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(seconds) - Ms);
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Pending.ShouldBe(CheckStatus.Critical);

        _time.Advance(Ms);
        await Tracker.FlushAsync();

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
    public async Task Apply_FlappingFasterThanThreshold_NotifiesNothing()
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
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Passing);
        State("n1", "web").Pending.ShouldBe("");
    }

    [Fact]
    public async Task Apply_BackToCurrentBeforeThreshold_ClearsPending()
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
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_Recovery_NotifiesPassingTransition()
    {
        Threshold(5);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: "back")]);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Tracker.FlushAsync();

        _sink.Transitions.Select(t => (t.PreviousStatus, t.Status)).ShouldBe(
        [
            (CheckStatus.Passing, CheckStatus.Critical),
            (CheckStatus.Critical, CheckStatus.Passing),
        ]);
        _sink.Transitions[^1].Check.Output.ShouldBe("back");
    }

    [Fact]
    public async Task Apply_ThirdStatusWhilePending_RestartsTimer()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        _time.Advance(TimeSpan.FromSeconds(6));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        var restartedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(10) - Ms);
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").PendingTimestamp.ShouldBe(restartedAt);

        _time.Advance(Ms);
        await Tracker.FlushAsync();
        var transition = _sink.Transitions.ShouldHaveSingleItem();
        (transition.PreviousStatus, transition.Status).ShouldBe((CheckStatus.Passing, CheckStatus.Critical));
    }

    [Theory]
    [InlineData("_node_maintenance")]
    [InlineData("_service_maintenance:web")]
    public async Task Apply_MaintenanceCheck_TrackedButNeverNotified(string checkId)
    {
        Threshold(1);
        Tracker.Apply([Check("n1", checkId, CheckStatus.Critical, output: "down for upgrade")]);
        _time.Advance(TimeSpan.FromSeconds(2));
        Tracker.Apply([Check("n1", checkId, CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldBeEmpty();
        State("n1", checkId).Current.ShouldBe(CheckStatus.Passing);
        Tracker.All.ShouldHaveSingleItem().HealthCheck.CheckId.ShouldBe(checkId);
    }

    [Fact]
    public async Task Apply_CheckDisappears_ReportsVanishedDeletesStateAndNotifiesNothing()
    {
        Threshold(1);
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, serviceId: "web"), Check("n1", "db", CheckStatus.Critical)]);
        await Tracker.FlushAsync();
        _store.Stored.Keys.Order().ShouldBe(["n1/_/db", "n1/web/web"]);

        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, serviceId: "web")]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Tracker.FlushAsync();

        _sink.Vanished.ShouldHaveSingleItem().CheckId.ShouldBe("db");
        _sink.Transitions.ShouldBeEmpty();
        Tracker.TryGet(new CheckKey("n1", "db"), out _).ShouldBeFalse();
        _store.Stored.Keys.ShouldBe(["n1/web/web"]);
        _store.Writes[^1].ShouldContain(new CheckStateChange("n1/_/db", null));
        _time.PendingTimers.ShouldBe(0);
    }

    [Theory]
    [InlineData("single", 5)]
    [InlineData("check", 6)]
    [InlineData("service", 7)]
    [InlineData("node", 8)]
    public async Task Apply_ThresholdOverride_UsesMostSpecificThreshold(string level, int seconds)
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
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();

        _time.Advance(Ms);
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("http");

        _time.Advance(TimeSpan.FromSeconds(60 - seconds));
        await Tracker.FlushAsync();
        _sink.Transitions.Select(t => t.Check.CheckId).ShouldBe(["http", "http2"]);
    }

    [Fact]
    public async Task ConfigChanged_WhilePending_AppliesNewThresholdFromPendingTimestamp()
    {
        Threshold(60);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));

        Threshold(10);
        _time.Advance(TimeSpan.FromSeconds(5) - Ms);
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
        _time.Advance(Ms);
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Apply_ChecksDisabled_TracksWithoutTransitions()
    {
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { Enabled = false, ChangeThreshold = TimeSpan.FromSeconds(1) } });
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Critical);
        State("n1", "web").ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task Apply_OutputChange_UpdatesLiveCheckButWritesNothing()
    {
        Threshold(1);
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: "200 OK")]);
        await Tracker.FlushAsync();
        var writes = _store.Attempts;

        for (var i = 0; i < 5; i++)
        {
            Tracker.Apply([Check("n1", "web", CheckStatus.Passing, output: $"200 OK in {i} ms")]);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        await Tracker.FlushAsync();
        _store.Attempts.ShouldBe(writes);
        State("n1", "web").HealthCheck.Output.ShouldBe("200 OK in 4 ms");
        Tracker.All.ShouldHaveSingleItem().HealthCheck.Output.ShouldBe("200 OK in 4 ms");
    }

    [Fact]
    public async Task Apply_ManyNewChecks_WritesAtMost63ChangesPerBatchLeavingRoomForTheSessionCheck()
    {
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply(Enumerable.Range(0, 150).Select(i => Check($"n{i}", "serfHealth", CheckStatus.Passing)).ToList());
        await Tracker.FlushAsync();

        _store.Writes.Select(w => w.Count).ShouldBe([63, 63, 24]);
        _store.Stored.Count.ShouldBe(150);
    }

    [Fact]
    public async Task Timer_ManyChecksDueTogether_ConfirmedWrittenAndNotifiedAsOneBatch()
    {
        Threshold(30);
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply(Enumerable.Range(0, 40).Select(i => Check($"n{i}", "web", CheckStatus.Critical)).ToList());
        await Tracker.FlushAsync();
        var writesBefore = _store.Writes.Count;

        _time.Advance(TimeSpan.FromSeconds(30));
        await Tracker.FlushAsync();

        _sink.Batches.ShouldHaveSingleItem().Count.ShouldBe(40);
        // One write confirms all forty (ForNotification set), one clears ForNotification once they are handed over.
        _store.Writes.Skip(writesBefore).Select(w => w.Count).ShouldBe([40, 40]);
        _time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Apply_SeveralChangesWhileWriting_CoalescedIntoOneWritePerCheck()
    {
        Threshold(60);
        await Tracker.LoadAsync(CancellationToken.None);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Hold = hold;
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Eventually.ShouldHoldAsync(() => _store.Attempts == 1, "the first write has started");

        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        Tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        _store.Hold = null;
        hold.SetResult();
        await Tracker.FlushAsync();

        _store.Writes.Count.ShouldBe(2);
        var second = _store.Writes[1].ShouldHaveSingleItem();
        second.State.ShouldNotBeNull().Pending.ShouldBe(CheckStatus.Warning);
        _store.Stored["n1/_/web"].Pending.ShouldBe(CheckStatus.Warning);
    }

    [Fact]
    public async Task WriteFailure_RetriedWithBackoffWithoutBlockingDecisions()
    {
        Threshold(1);
        await Tracker.LoadAsync(CancellationToken.None);
        _store.FailNext(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Eventually.ShouldHoldAsync(() => _store.Attempts == 1 && _time.PendingTimers == 1, "the failed write waits to retry");

        // Decisions go on while the store is down.
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the change is delivered");
        await Tracker.FlushAsync();

        _store.Stored["n1/_/web"].Current.ShouldBe(CheckStatus.Critical);
        _store.Stored["n1/_/web"].ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task SinkFailure_RetriedWithBackoffAndForNotificationKeptUntilDelivered()
    {
        Threshold(1);
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Tracker.FlushAsync();
        _sink.FailNext(2);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.ShouldHoldAsync(() => _sink.Attempts == 1 && _time.PendingTimers == 1, "the first delivery failed and waits");
        State("n1", "web").ForNotification.ShouldBeTrue();
        await Eventually.ShouldHoldAsync(() => _store.Stored["n1/_/web"].ForNotification, "ForNotification is stored");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Attempts == 2 && _time.PendingTimers == 1, "the second delivery failed and waits");
        _time.Advance(TimeSpan.FromSeconds(2) - Ms);
        _sink.Attempts.ShouldBe(2);
        _time.Advance(Ms);
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the third attempt is delivered");
        await Tracker.FlushAsync();

        State("n1", "web").ForNotification.ShouldBeFalse();
        _store.Stored["n1/_/web"].ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task LoadAsync_StoredPending_ContinuesFromStoredPendingTimestamp()
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
        await Tracker.LoadAsync(CancellationToken.None);

        Tracker.Apply([Check("n1", "http", CheckStatus.Critical, serviceId: "web")]);
        _time.Advance(TimeSpan.FromSeconds(10) - Ms);
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
        _time.Advance(Ms);
        await Tracker.FlushAsync();

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        (transition.PreviousStatus, transition.Status).ShouldBe((CheckStatus.Passing, CheckStatus.Critical));
    }

    [Fact]
    public async Task LoadAsync_StoredForNotification_DeliveredAgainAndCleared()
    {
        _store.Stored["n1/_/disk"] = new CheckState
        {
            Current = CheckStatus.Warning,
            CurrentTimestamp = _time.GetUtcNow() - TimeSpan.FromMinutes(1),
            HealthCheck = Check("n1", "disk", CheckStatus.Warning),
            ForNotification = true,
        };

        await Tracker.LoadAsync(CancellationToken.None);
        await Tracker.FlushAsync();

        var transition = _sink.Transitions.ShouldHaveSingleItem();
        transition.Status.ShouldBe(CheckStatus.Warning);
        transition.Check.CheckId.ShouldBe("disk");
        _store.Stored["n1/_/disk"].ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task Apply_FirstSeenCriticalPassingBeforeThreshold_SilentAndPassing()
    {
        Threshold(10);
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(5));
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Tracker.FlushAsync();

        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").Current.ShouldBe(CheckStatus.Passing);
        State("n1", "web").Pending.ShouldBe("");
    }

    [Fact]
    public async Task Apply_CheckMovesToAnotherService_StateKeyMoves()
    {
        await Tracker.LoadAsync(CancellationToken.None);
        Tracker.Apply([Check("n1", "http", CheckStatus.Passing, serviceId: "web-1")]);
        await Tracker.FlushAsync();

        Tracker.Apply([Check("n1", "http", CheckStatus.Passing, serviceId: "web-2")]);
        await Tracker.FlushAsync();

        _store.Stored.Keys.ShouldBe(["n1/web-2/http"]);
        _store.Stored["n1/web-2/http"].HealthCheck.ServiceId.ShouldBe("web-2");
    }

    [Fact]
    public async Task Apply_WithoutStore_TracksInMemory()
    {
        await using var tracker = NewTracker(store: null);
        Threshold(1);
        tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await tracker.FlushAsync();

        _sink.Transitions.ShouldHaveSingleItem();
        tracker.Count.ShouldBe(1);
        tracker.PendingCount.ShouldBe(0);
    }

    [Fact]
    public async Task DisposeAsync_WithPendingChecks_StopsTimersAndIgnoresLaterSnapshots()
    {
        Threshold(10);
        var tracker = NewTracker(_store);
        tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.PendingTimers.ShouldBe(1);

        await tracker.DisposeAsync();
        tracker.Apply([Check("n1", "web", CheckStatus.Warning)]);
        _time.Advance(TimeSpan.FromMinutes(1));

        _time.PendingTimers.ShouldBe(0);
        _sink.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task Confirm_DecisionNotYetStored_NotifiesOnlyAfterTheStateWriteCommits()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Tracker.FlushAsync();
        var hold = new TaskCompletionSource();
        _store.Hold = hold;
        var attempts = _store.Attempts;

        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _store.Attempts > attempts, "the state write started");
        await Task.Delay(100);

        // A crash now must leave either the pending status or ForNotification in KV: so nothing may have gone out.
        _sink.Attempts.ShouldBe(0);
        _store.Hold = null;
        hold.SetResult();
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
        _store.Stored["n1/_/web"].Current.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Delivery_InProgress_KeepsForNotificationStoredUntilEveryNotifierHadItsAttempt()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Tracker.FlushAsync();
        var delivered = new TaskCompletionSource();
        _sink.Delivered = delivered.Task;

        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the transition was routed");
        await Task.Delay(100);
        _store.Stored["n1/_/web"].ForNotification.ShouldBeTrue();

        delivered.SetResult();
        await Tracker.FlushAsync();
        _store.Stored["n1/_/web"].ForNotification.ShouldBeFalse();
        _sink.Transitions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Lifetime_Ended_StopsDecidingAndLeavesUndeliveredNotificationForTheNextLeader()
    {
        Threshold(1);
        using var term = new CancellationTokenSource();
        await using var tracker = NewTracker(_store, term.Token);
        await tracker.LoadAsync(CancellationToken.None);
        tracker.Apply([Check("n1", "web", CheckStatus.Passing), Check("n1", "db", CheckStatus.Passing)]);
        await tracker.FlushAsync();
        _sink.Delivered = new TaskCompletionSource().Task; // a notifier that never finishes

        tracker.Apply([Check("n1", "web", CheckStatus.Critical), Check("n1", "db", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the web transition was routed");
        tracker.Apply([Check("n1", "web", CheckStatus.Critical), Check("n1", "db", CheckStatus.Critical)]);
        await term.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        tracker.Apply([Check("n1", "web", CheckStatus.Warning), Check("n1", "db", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await tracker.FlushAsync();

        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("web");
        _time.PendingTimers.ShouldBe(0);
        _store.Stored["n1/_/web"].ForNotification.ShouldBeTrue();
        _store.Stored["n1/_/web"].Current.ShouldBe(CheckStatus.Critical);
        _store.Stored["n1/_/db"].Current.ShouldBe(CheckStatus.Passing);
    }

    [Fact]
    public async Task DrainAsync_DeliveryUnderWay_WaitsForItAndRecordsItAsSentButDecidesNothingNew()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing), Check("n1", "db", CheckStatus.Passing)]);
        await Tracker.FlushAsync();
        var delivered = new TaskCompletionSource();
        _sink.Delivered = delivered.Task;
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical), Check("n1", "db", CheckStatus.Passing)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the web transition was routed");

        var draining = Tracker.DrainAsync(TimeSpan.FromSeconds(5));
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical), Check("n1", "db", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        draining.IsCompleted.ShouldBeFalse();
        delivered.SetResult();
        await draining;

        _store.Stored["n1/_/web"].ForNotification.ShouldBeFalse();
        _store.Stored["n1/_/db"].Current.ShouldBe(CheckStatus.Passing);
        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("web");
    }

    [Fact]
    public async Task DrainAsync_DeliveryNeverEnds_GivesUpAtTheTimeoutLeavingForNotificationSet()
    {
        Threshold(1);
        Tracker.Apply([Check("n1", "web", CheckStatus.Passing)]);
        await Tracker.FlushAsync();
        _sink.Delivered = new TaskCompletionSource().Task;
        Tracker.Apply([Check("n1", "web", CheckStatus.Critical)]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the transition was routed");

        var draining = Tracker.DrainAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        draining.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(5));
        await draining.WaitAsync(TimeSpan.FromSeconds(10));

        _store.Stored["n1/_/web"].ForNotification.ShouldBeTrue();
    }

    [Fact]
    public async Task Apply_FlappingFasterThanTheReads_EveryReadCriticalButIndexMoved_NotNotified()
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

        await Tracker.FlushAsync();
        _sink.Transitions.ShouldBeEmpty();
        State("n1", "web").PendingTimestamp.ShouldBe(_time.GetUtcNow());

        // Once it stops flapping, critical holds for the threshold and is notified.
        _time.Advance(TimeSpan.FromSeconds(5));
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Apply_SameIndexReadAgain_PendingWaitContinues()
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
        await Tracker.FlushAsync();
        _sink.Transitions.ShouldHaveSingleItem().At.ShouldBe(since + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Apply_StoredStateThenFirstRead_UnknownIndexDoesNotRestartTheWait()
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
        await Tracker.FlushAsync();
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

    private CheckTracker NewTracker(ICheckStateStore? store, CancellationToken lifetime = default) =>
        new(_config, _sink, store, NullLogger<CheckTracker>.Instance, _time, options: null, lifetime);

    private CheckTracker NewLoadedTracker()
    {
        var tracker = NewTracker(_store);
        tracker.LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
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
