using ConsulAlerts.Configuration;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Notifications;

public sealed class NotificationDispatcherTests
{
    private readonly NotificationStats _stats = new();
    private readonly FakeLogger<NotificationDispatcher> _log = new();

    [Fact]
    public async Task Dispatch_SlowNotifier_DoesNotDelayAnother()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var fast = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([slow, fast], TimeProvider.System);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("log", "email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Sent == 1, "email delivered");
        await Eventually.ShouldHoldAsync(() => slow.Calls.Count == 1, "the slow delivery started"); // its own worker: no ordering with email
        _stats.Get("log")!.Queued.ShouldBe(1);
        _stats.Get("log")!.Sent.ShouldBe(0);

        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1, "log delivered");
    }

    [Fact]
    public async Task Dispatch_FailingNotifierRetrying_DoesNotDelayAnotherNorTheCaller()
    {
        var time = new TrackedTimeProvider();
        var failing = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 500 Internal Server Error", retryable: true)));
        var fine = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([failing, fine], time);

        for (var i = 0; i < 5; i++)
        {
            await dispatcher.DispatchAsync([Messages.Critical(checkId: $"c{i}")], Enabled("slack", "email"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Sent == 5, "email delivered everything");
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { Queued: 5, Retried: 1 }, "slack retrying its first delivery, four waiting");
        failing.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Dispatch_NotifierHangsIgnoringCancellation_IsAbandonedAtItsTimeoutAndRetried()
    {
        var time = new TrackedTimeProvider();
        var hung = new TaskCompletionSource<NotifyResult>();
        var calls = 0;
        var notifier = new FakeNotifier("log", (_, _, _) => Interlocked.Increment(ref calls) == 1 ? hung.Task : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "second")], Enabled("log"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "first attempt started");

        time.Advance(TimeSpan.FromSeconds(30));
        var wait = await BackoffAsync(time, "log", 1);
        _stats.Get("log")!.LastError.ShouldBe("timed out after 30 s");
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 2, "first retried, then second delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["first", "first", "second"]);
    }

    [Fact]
    public async Task Dispatch_RetryableFailures_RetriedWithGrowingBackoffUntilDelivered()
    {
        var time = new TrackedTimeProvider();
        var attempts = new List<DateTimeOffset>();
        var notifier = new FakeNotifier("slack", (_, _, _) =>
        {
            lock (attempts)
            {
                attempts.Add(time.GetUtcNow());
                return Task.FromResult(attempts.Count <= 3 ? NotifyResult.Failed("HTTP 503 Service Unavailable", retryable: true) : NotifyResult.Ok);
            }
        });
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("slack"), CancellationToken.None);
        var asked = new List<TimeSpan>();
        for (var failed = 1; failed <= 3; failed++)
        {
            var wait = await BackoffAsync(time, "slack", failed);
            asked.Add(wait);
            time.Advance(wait);
        }

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 1, "delivered at the fourth attempt");
        var slack = _stats.Get("slack").ShouldNotBeNull();
        (slack.Sent, slack.Retried, slack.Failed, slack.ConsecutiveFailures).ShouldBe((1L, 3L, 0L, 0));
        asked[0].ShouldBeInRange(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        asked[1].ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        asked[2].ShouldBeInRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        attempts.Zip(attempts.Skip(1), (a, b) => b - a).ShouldBe(asked);
        _log.Entries.Count(e => e.Level == LogLevel.Warning).ShouldBe(1);
        _log.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message == "Notifier slack delivered 1 message(s) at attempt 4");
    }

    [Fact]
    public async Task Dispatch_NonRetryableFailure_IsGivenUpAtOnceAndLogged()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 404 Not Found", retryable: false)));
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical(), Messages.Critical(checkId: "other")], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Failed == 2, "failure counted");
        _stats.Get("slack")!.Retried.ShouldBe(0);
        notifier.Calls.Count.ShouldBe(1);
        _log.Entries.Single(e => e.Level == LogLevel.Error).Message.ShouldBe(
            "Notifier slack gave up on 2 message(s) after 1 attempt(s) (not retryable): HTTP 404 Not Found");
    }

    [Fact]
    public async Task Dispatch_NotifierWithOwnPolicy_GivesUpAfterItsAttempts()
    {
        var time = new TrackedTimeProvider();
        var notifier = new PolicyNotifier("pagerduty", new RetryPolicy(2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)));
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("pagerduty"), CancellationToken.None);
        var wait = await BackoffAsync(time, "pagerduty", 1);
        wait.ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("pagerduty")?.Failed == 1, "given up after the second attempt");
        notifier.Calls.ShouldBe(2);
        _log.Entries.ShouldContain(e => e.Message.Contains("after 2 attempt(s) (no attempts left)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_VendorAsksToRetryLater_WaitsAsLongAsAsked()
    {
        var time = new TrackedTimeProvider();
        var calls = 0;
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? NotifyResult.Failed("HTTP 429 Too Many Requests (retry after 30s)", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(30) }
            : NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("slack"), CancellationToken.None);
        var wait = await BackoffAsync(time, "slack", 1);
        wait.ShouldBe(TimeSpan.FromSeconds(30));
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 1, "delivered after the wait");
    }

    [Fact]
    public async Task Dispatch_FailingPastMaxAge_IsGivenUp()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 502 Bad Gateway", retryable: true)));
        var options = new NotificationDispatcherOptions { Retry = new RetryPolicy(null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)) };
        await using var dispatcher = new NotificationDispatcher([notifier], _stats, options, time, _log);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("slack"), CancellationToken.None);
        for (var failed = 1; _stats.Get("slack")?.Failed != 1; failed++)
        {
            failed.ShouldBeLessThanOrEqualTo(5, "given up once two minutes old");
            time.Advance(await BackoffAsync(time, "slack", failed));
            await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { } s && (s.Retried > failed || s.Failed == 1), "the next attempt is over");
        }

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Failed == 1, "given up");
        _log.Entries.ShouldContain(e => e.Message.Contains("(too old)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_NotifierThrows_RetriesWithoutTheExceptionMessage()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => throw new InvalidOperationException("POST https://hooks.slack.com/services/T000/B000/SECRETKEY failed"));
        await using var dispatcher = Dispatcher([notifier], time);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Retried == 1, "failure counted");
        _stats.Get("slack")!.LastError.ShouldBe("unexpected InvalidOperationException");
        _log.Entries.ShouldAllBe(e => !e.Message.Contains("SECRETKEY"));
    }

    [Fact]
    public async Task Dispatch_SeveralBatches_ReachOneNotifierInOrder()
    {
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        for (var i = 0; i < 20; i++)
        {
            await dispatcher.DispatchAsync([Messages.Critical(checkId: $"c{i}")], Enabled("log"), CancellationToken.None);
        }

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 20, "all delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(Enumerable.Range(0, 20).Select(i => $"c{i}"));
    }

    [Fact]
    public async Task Dispatch_ProfileOverrides_ReachTheNotifierAsItsSettings()
    {
        var notifier = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        await dispatcher.DispatchAsync([WithEmailOverride(Messages.Critical())], Enabled("email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "delivered");
        notifier.Calls[0].Config.Get("receivers").ShouldBe("[\"db@example.com\"]");
        notifier.Calls[0].Config.Get("url").ShouldBe("smtp.example.com");
    }

    [Fact]
    public async Task Dispatch_EnabledNotifierWithoutImplementation_IsReportedOnce()
    {
        await using var dispatcher = Dispatcher([], TimeProvider.System);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("victorops"), CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("victorops"), CancellationToken.None);

        _log.Entries.Count(e => e.Message.Contains("victorops") && e.Level == LogLevel.Warning).ShouldBe(1);
    }

    [Fact]
    public async Task Dispatch_QueueFull_NewDeliveriesAreDroppedAndCounted()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var outbox = new FakeOutboxStore();
        await using var dispatcher = new NotificationDispatcher([notifier], _stats, new NotificationDispatcherOptions { QueueCapacity = 2 }, TimeProvider.System, _log, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);

        for (var i = 0; i < 4; i++)
        {
            await dispatcher.DispatchAsync([Messages.Critical(checkId: $"c{i}")], Enabled("log"), CancellationToken.None);
            await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "the first attempt holds the queue");
        }

        _stats.Get("log")!.Failed.ShouldBe(2);
        _stats.Get("log")!.LastError.ShouldBe("queue full (2 deliveries waiting)");
        outbox.Entries.Count.ShouldBe(2);
        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 2 && outbox.Entries.Count == 0, "the two queued delivered and removed");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["c0", "c1"]);
    }

    [Fact]
    public async Task DispatchAsync_WithOutbox_RecordsBeforeTheAttemptAndRemovesAfterSuccess()
    {
        var outbox = new FakeOutboxStore();
        var seenDuringAttempt = -1;
        var notifier = new FakeNotifier("log", (_, _, _) =>
        {
            seenDuringAttempt = outbox.Entries.Count;
            return Task.FromResult(NotifyResult.Ok);
        });
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        var term = Term();
        outbox.RequiredGuard = term.Guard;
        await dispatcher.ResumeAsync(term, Enabled("log"), CancellationToken.None);

        await dispatcher.DispatchAsync([WithEmailOverride(Messages.Critical())], Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1 && outbox.Entries.Count == 0, "delivered and removed");
        seenDuringAttempt.ShouldBe(1);
        outbox.Adds.ShouldBe(1);
    }

    [Fact]
    public async Task DispatchAsync_WithOutbox_EntryNamesTheInstanceNotItsSettings()
    {
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("email", (_, _, ct) => release.Task.WaitAsync(ct));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("email"), CancellationToken.None);

        await dispatcher.DispatchAsync([WithEmailOverride(Messages.Critical())], Enabled("email"), CancellationToken.None);

        var entry = outbox.Entries.ShouldHaveSingleItem();
        (entry.Instance, entry.Kind, entry.Notifier).ShouldBe((NotifierSelection.InstanceName("email", entry.Overrides), "email", "email"));
        entry.Instance.ShouldStartWith("email+");
        entry.Overrides.ShouldNotBeNull()["receivers"].ShouldBe("[\"db@example.com\"]");
        entry.Messages.Single().CheckId.ShouldBe("service:web-1");
        System.Text.Encoding.UTF8.GetString(ConsulOutboxStore.Serialize(entry)).ShouldNotContain("smtp.example.com");
        release.SetResult(NotifyResult.Ok);
    }

    [Fact]
    public async Task DispatchAsync_PermanentFailure_RemovesTheEntry()
    {
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log", (_, _, _) => Task.FromResult(NotifyResult.Failed("bad", retryable: false)));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);

        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Failed == 1 && outbox.Entries.Count == 0, "given up and removed");
    }

    [Fact]
    public async Task DispatchAsync_OutboxUnreachable_ThrowsAndQueuesNothing()
    {
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);
        outbox.Down = true;

        await Should.ThrowAsync<ConsulAlerts.Consul.ConsulException>(() => dispatcher.DispatchAsync([Messages.Critical()], Enabled("log"), CancellationToken.None));

        await Task.Delay(50);
        notifier.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task DispatchAsync_WithOutboxButNotLeading_IsRefused()
    {
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, new FakeOutboxStore());

        await Should.ThrowAsync<OperationCanceledException>(() => dispatcher.DispatchAsync([Messages.Critical()], Enabled("log"), CancellationToken.None));
        notifier.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task DispatchAsync_LargeBatch_IsSplitIntoEntriesThatFitATransaction()
    {
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);
        var batch = Enumerable.Range(0, 200).Select(i => Messages.Critical(checkId: $"c{i}", output: new string('x', 4000))).ToList();

        await dispatcher.DispatchAsync(batch, Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 200, "all delivered");
        notifier.Calls.Count.ShouldBeGreaterThan(1);
        notifier.Calls.SelectMany(c => c.Messages).Select(m => m.CheckId).ShouldBe(batch.Select(m => m.CheckId));
    }

    [Fact]
    public async Task ResumeAsync_RecordedEntries_AreDeliveredWithTheCurrentSettingsAndRemoved()
    {
        var outbox = new FakeOutboxStore();
        outbox.Seed(Entry("0001", "email", WithEmailOverride(Messages.Critical(checkId: "old"))) with
        {
            Overrides = new Dictionary<string, string> { ["receivers"] = "[\"db@example.com\"]" },
        });
        outbox.Seed(Entry("0002", "log", Messages.Critical(checkId: "older-log")));
        var email = new FakeNotifier("email");
        var log = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([email, log], TimeProvider.System, outbox);

        await dispatcher.ResumeAsync(Term(), Enabled("email", "log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => email.Calls.Count == 1 && log.Calls.Count == 1 && outbox.Entries.Count == 0, "both delivered and removed");
        email.Calls[0].Config.Get("url").ShouldBe("smtp.example.com");
        email.Calls[0].Config.Get("receivers").ShouldBe("[\"db@example.com\"]");
        log.Calls[0].Messages.Single().CheckId.ShouldBe("older-log");
    }

    [Fact]
    public async Task ResumeAsync_EntryOfADisabledNotifier_IsDroppedAndRemoved()
    {
        var outbox = new FakeOutboxStore();
        outbox.Seed(Entry("0001", "email", Messages.Critical()));
        var email = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([email], TimeProvider.System, outbox);

        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => outbox.Entries.Count == 0, "removed");
        email.Calls.ShouldBeEmpty();
        _log.Entries.ShouldContain(e => e.Message == "Recorded delivery 0001 for email is dropped: the notifier is no longer enabled or available");
    }

    [Fact]
    public async Task ResumeAsync_SameDecisionHandedOverAgain_IsNotRecordedTwice()
    {
        var outbox = new FakeOutboxStore();
        var recorded = Messages.Critical(checkId: "recorded");
        outbox.Seed(Entry("0001", "log", recorded));
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        await using var dispatcher = Dispatcher([log], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);

        // The engine re-sends what its check state still marks as to be notified: the same decision makes the same message.
        await dispatcher.DispatchAsync([recorded with { }, Messages.Critical(checkId: "new")], Enabled("log"), CancellationToken.None);
        release.SetResult(NotifyResult.Ok);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 2, "delivered");
        log.Calls.SelectMany(c => c.Messages).Select(m => m.CheckId).ShouldBe(["recorded", "new"]);
        outbox.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Dispatch_TermEndsBeforeItsTurn_IsNotAttemptedAndStaysRecorded()
    {
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("log", (messages, _, _) => messages[0].CheckId == "first" ? release.Task : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        var term = Term();
        await dispatcher.ResumeAsync(term, Enabled("log"), CancellationToken.None);

        await dispatcher.DispatchAsync([Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        await dispatcher.DispatchAsync([Later(Messages.Critical(checkId: "second"), seconds: 1)], Enabled("log"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "first delivery started");
        term.End("test");

        // The first attempt is still waiting for the vendor when the term ends: it is abandoned, not counted.
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Queued == 0, "queue emptied");
        release.SetResult(NotifyResult.Ok);
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["first"]);
        outbox.Entries.Select(e => e.Messages.Single().CheckId).ShouldBe(["first", "second"]);
        _stats.Get("log")!.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task Dispatch_CallerAlreadyCancelled_NothingIsAttempted()
    {
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        await Should.ThrowAsync<OperationCanceledException>(() => dispatcher.DispatchAsync([Messages.Critical()], Enabled("log"), new CancellationToken(canceled: true)));

        notifier.Calls.ShouldBeEmpty();
        _stats.Get("log").ShouldBeNull();
    }

    [Fact]
    public async Task Dispatch_TermEndsDuringTheAttempt_CancelsItWithoutCountingAFailure()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = CancellationToken.None;
        var notifier = new FakeNotifier("log", async (messages, _, ct) =>
        {
            if (messages[0].CheckId != "hangs")
            {
                return NotifyResult.Ok;
            }

            seen = ct;
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return NotifyResult.Ok;
        });
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);
        using var term = new CancellationTokenSource();

        await dispatcher.DispatchAsync([Messages.Critical(checkId: "hangs")], Enabled("log"), term.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await term.CancelAsync();

        await Eventually.ShouldHoldAsync(() => seen.IsCancellationRequested, "the attempt was cancelled");
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "next")], Enabled("log"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1, "the queue moves on to the next delivery");
        (_stats.Get("log")!.Failed, _stats.Get("log")!.Retried).ShouldBe((0L, 0L));
    }

    [Fact]
    public async Task DrainAsync_AttemptUnderWay_FinishesAndIsRemovedWhileAWaitingRetryStaysRecorded()
    {
        var time = new TrackedTimeProvider();
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new FakeNotifier("log", (_, _, _) => release.Task);
        var slack = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 500 Internal Server Error", retryable: true)));
        await using var dispatcher = Dispatcher([log, slack], time, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log", "slack"), CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical()], Enabled("log", "slack"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => log.Calls.Count == 1 && _stats.Get("slack")?.Retried == 1, "log attempting, slack waiting to retry");

        var draining = dispatcher.DrainAsync();
        release.SetResult(NotifyResult.Ok);
        await draining.WaitAsync(TimeSpan.FromSeconds(10));

        _stats.Get("log")!.Sent.ShouldBe(1);
        outbox.Entries.ShouldHaveSingleItem().Instance.ShouldBe("slack");
        slack.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DispatchAsync_OneDecisionInSeveralDeliveries_IsOneCommittedBatchAndLeavesNoKeyOnceDelivered()
    {
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var email = new FakeNotifier("email", (_, _, ct) => release.Task.WaitAsync(ct));
        await using var dispatcher = Dispatcher([log, email], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log", "email"), CancellationToken.None);
        var decided = new[] { Messages.Critical(checkId: "a"), Messages.Critical(checkId: "b") };

        await dispatcher.DispatchAsync(decided, Enabled("log", "email"), CancellationToken.None);

        var batch = OutboxKeys.BatchOf(decided);
        outbox.Keys.ShouldBe([OutboxKeys.Entry(batch, 0), OutboxKeys.Entry(batch, 1), OutboxKeys.Commit(batch)]);
        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => outbox.Keys.Count == 0, "entries and commit record removed");
        (_stats.Get("log")!.Sent, _stats.Get("email")!.Sent).ShouldBe((2L, 2L));
    }

    [Fact]
    public async Task DispatchAsync_RecordingFailedThenTheSameDecisionAgain_RecordsOneBatchAndDeliversOnce()
    {
        var outbox = new FakeOutboxStore();
        var log = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([log], TimeProvider.System, outbox);
        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);
        var decided = new[] { Messages.Critical(checkId: "a") };
        outbox.Down = true;
        await Should.ThrowAsync<ConsulAlerts.Consul.ConsulException>(() => dispatcher.DispatchAsync(decided, Enabled("log"), CancellationToken.None));
        outbox.Down = false;

        await dispatcher.DispatchAsync([.. decided], Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1 && outbox.Keys.Count == 0, "delivered and removed");
        log.Calls.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ResumeAsync_BatchWithoutCommitRecord_IsRemovedNotDelivered()
    {
        var outbox = new FakeOutboxStore();
        outbox.Seed(Entry(OutboxKeys.Entry("0638000000000000000-00000000000000aa", 0), "log", Messages.Critical(checkId: "half-written")), committed: false);
        outbox.Seed(Entry(OutboxKeys.Entry("0638000000000000000-00000000000000bb", 0), "log", Messages.Critical(checkId: "whole")));
        var log = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([log], TimeProvider.System, outbox);

        await dispatcher.ResumeAsync(Term(), Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1 && outbox.Keys.Count == 0, "the whole batch delivered, everything removed");
        log.Calls.ShouldHaveSingleItem().Messages.Single().CheckId.ShouldBe("whole");
    }

    [Fact]
    public async Task Dispatch_NotifierFixedInKvWhileRetrying_NextAttemptUsesTheNewSettingsAtOnceAndTheQueueMovesOn()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var webhook = new FakeNotifier("webhook", (_, config, _) => Task.FromResult(config.Get("url") == "http://127.0.0.1:1/right"
            ? NotifyResult.Ok
            : NotifyResult.Failed("connection refused", retryable: true)));
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox: null, live);
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "first")], live.Current, CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "second")], live.Current, CancellationToken.None);
        var wait = await BackoffAsync(time, "webhook", 1);

        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/right", revision: 2));

        // No time passes: the settings change alone cuts the wait short.
        await Eventually.ShouldHoldAsync(() => _stats.Get("webhook")?.Sent == 2, "both delivered with the corrected URL");
        wait.ShouldBeGreaterThan(TimeSpan.Zero);
        webhook.Calls.Select(c => (c.Messages.Single().CheckId, c.Config.Get("url")))
            .ShouldBe([("first", "http://127.0.0.1:1/wrong"), ("first", "http://127.0.0.1:1/right"), ("second", "http://127.0.0.1:1/right")]);
        _log.Entries.ShouldContain(e => e.Message.Contains("settings changed", StringComparison.Ordinal) && !e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_UnrelatedConfigChangeWhileRetrying_KeepsWaitingItsBackoff()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var webhook = new FakeNotifier("webhook", (_, _, _) => Task.FromResult(NotifyResult.Failed("connection refused", retryable: true)));
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox: null, live);
        await dispatcher.DispatchAsync([Messages.Critical()], live.Current, CancellationToken.None);
        await BackoffAsync(time, "webhook", 1);

        live.Publish(WithUrl(Enabled("webhook", "log"), "http://127.0.0.1:1/wrong", revision: 2));
        live.Publish(WithUrl(Enabled("webhook", "email"), "http://127.0.0.1:1/wrong", revision: 3));

        // The waiting attempt is still the only timer: nothing was tried again.
        await Task.Delay(50);
        time.PendingTimers.ShouldBe(1);
        webhook.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Dispatch_NotifierDisabledWhileRetrying_EndsTheDeliveryAndRemovesItsEntry()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var outbox = new FakeOutboxStore();
        var webhook = new FakeNotifier("webhook", (_, _, _) => Task.FromResult(NotifyResult.Failed("connection refused", retryable: true)));
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox, live);
        await dispatcher.ResumeAsync(Term(), live.Current, CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical()], live.Current, CancellationToken.None);
        await BackoffAsync(time, "webhook", 1);

        live.Publish(WithUrl(Enabled("log"), "http://127.0.0.1:1/wrong", revision: 2));

        await Eventually.ShouldHoldAsync(() => _stats.Get("webhook")?.Failed == 1 && outbox.Keys.Count == 0, "dropped and removed");
        webhook.Calls.Count.ShouldBe(1);
        _stats.Get("webhook")!.LastError.ShouldBe("notifier no longer enabled or configured");
    }

    /// <summary>
    /// Waits until <paramref name="notifier"/> has failed <paramref name="retried"/> attempts and armed the timer of its
    /// next one (the only timer then: each attempt's timeout timer is gone), and returns the wait it asked for.
    /// </summary>
    private async Task<TimeSpan> BackoffAsync(TrackedTimeProvider time, string notifier, int retried)
    {
        await Eventually.ShouldHoldAsync(() => _stats.Get(notifier)?.Retried == retried && time.PendingTimers == 1, $"attempt {retried} failed and the next is scheduled");
        return time.NextDueAt!.Value - time.GetUtcNow();
    }

    /// <summary>A decision made <paramref name="seconds"/> later than the sample's.</summary>
    private static Message Later(Message message, int seconds) =>
        message with { Timestamp = message.Timestamp.AddSeconds(seconds), RmdCheck = message.RmdCheck.AddSeconds(seconds) };

    private static Message WithEmailOverride(Message message) => message with
    {
        NotifList = new Dictionary<string, bool> { ["email"] = true, ["log"] = true },
        VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"db@example.com\"]" },
        },
    };

    private static OutboxEntry Entry(string id, string notifier, Message message) => new()
    {
        Id = id,
        Instance = notifier,
        Kind = notifier,
        Notifier = notifier,
        Messages = [message],
        Created = DateTimeOffset.UtcNow,
    };

    private static LeaderTerm Term() => new(1, "session-1", "consul-alerts/leader", DateTimeOffset.UtcNow);

    private NotificationDispatcher Dispatcher(INotifier[] notifiers, TimeProvider time, IOutboxStore? outbox = null) =>
        new(notifiers, _stats, new NotificationDispatcherOptions(), time, _log, outbox);

    private static AlertsConfig WithUrl(AlertsConfig config, string url, ulong revision) => config with
    {
        Revision = revision,
        Notifiers = config.Notifiers.ToDictionary(
            n => n.Key,
            n => n.Key == "webhook" ? n.Value with { Values = new Dictionary<string, string> { ["url"] = url } } : n.Value,
            StringComparer.Ordinal),
    };

    private static AlertsConfig Enabled(params string[] names) => new()
    {
        Notifiers = NotifierConfig.Defaults.ToDictionary(
            n => n.Key,
            n => n.Value with
            {
                Enabled = names.Contains(n.Key),
                Values = n.Key == "email" ? new Dictionary<string, string> { ["url"] = "smtp.example.com" } : n.Value.Values,
            },
            StringComparer.Ordinal),
    };

    /// <summary>A notifier that always fails retryably and sets its own retry policy.</summary>
    private sealed class PolicyNotifier(string name, RetryPolicy policy) : INotifier, IRetryPolicySource
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => name;

        public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(NotifyResult.Failed("HTTP 503 Service Unavailable", retryable: true));
        }

        public RetryPolicy RetryPolicyFor(NotifierConfig config, RetryPolicy defaults) => policy;
    }

    [Fact]
    public async Task Dispatch_ProfileNamingManyUnknownNotifiers_OneWarningWithTheCount()
    {
        await using var dispatcher = Dispatcher([new FakeNotifier("log")], TimeProvider.System);
        var names = Enumerable.Range(1, 100).ToDictionary(i => $"nosuch-{i}", _ => true);
        names["log"] = true;

        await dispatcher.DispatchAsync([Messages.Critical() with { NotifList = names }], Enabled("log"), CancellationToken.None);
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "again") with { NotifList = names }], Enabled("log"), CancellationToken.None);

        _log.Entries.Where(e => e.Id.Id == 5001).ShouldHaveSingleItem().Message.ShouldContain("100");
    }
}
