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
    private TimeProvider _clock = TimeProvider.System;
    private FakeOutboxStore? _outbox;
    private LeaderTerm? _term;

    [Fact]
    public async Task Enqueue_SlowNotifier_DoesNotDelayAnother()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var fast = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([slow, fast], TimeProvider.System);

        Dispatch(dispatcher, [Messages.Critical()], Enabled("log", "email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Sent == 1, "email delivered");
        await Eventually.ShouldHoldAsync(() => slow.Calls.Count == 1, "the slow delivery started"); // its own worker: no ordering with email
        _stats.Get("log")!.Queued.ShouldBe(1);
        _stats.Get("log")!.Sent.ShouldBe(0);

        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1, "log delivered");
    }

    [Fact]
    public async Task Enqueue_FailingNotifierRetrying_DoesNotDelayAnotherNorTheCaller()
    {
        var time = new TrackedTimeProvider();
        var failing = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 500 Internal Server Error", retryable: true)));
        var fine = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([failing, fine], time);

        for (var i = 0; i < 5; i++)
        {
            Dispatch(dispatcher, [Messages.Critical(checkId: $"c{i}")], Enabled("slack", "email"), CancellationToken.None);
        }

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Sent == 5, "email delivered everything");
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { Queued: 5, Retried: 1 }, "slack retrying its first delivery, four waiting");
        failing.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Enqueue_NotifierHangsIgnoringCancellation_IsAbandonedAtItsTimeoutAndRetried()
    {
        var time = new TrackedTimeProvider();
        var hung = new TaskCompletionSource<NotifyResult>();
        var calls = 0;
        var notifier = new FakeNotifier("log", (_, _, _) => Interlocked.Increment(ref calls) == 1 ? hung.Task : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], time);

        Dispatch(dispatcher, [Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        Dispatch(dispatcher, [Messages.Critical(checkId: "second")], Enabled("log"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "first attempt started");

        time.Advance(TimeSpan.FromSeconds(30));
        var wait = await BackoffAsync(time, "log", 1);
        _stats.Get("log")!.LastError.ShouldBe("timed out after 30 s");
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 2, "first retried, then second delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["first", "first", "second"]);
    }

    [Fact]
    public async Task Enqueue_RetryableFailures_RetriedWithGrowingBackoffUntilDelivered()
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

        Dispatch(dispatcher, [Messages.Critical()], Enabled("slack"), CancellationToken.None);
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
    public async Task Enqueue_NonRetryableFailure_IsGivenUpAtOnceAndLogged()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 404 Not Found", retryable: false)));
        await using var dispatcher = Dispatcher([notifier], time);

        Dispatch(dispatcher, [Messages.Critical(), Messages.Critical(checkId: "other")], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Failed == 2, "failure counted");
        _stats.Get("slack")!.Retried.ShouldBe(0);
        notifier.Calls.Count.ShouldBe(1);
        _log.Entries.Single(e => e.Level == LogLevel.Error).Message.ShouldBe(
            "Notifier slack gave up on 2 message(s) after 1 attempt(s) (not retryable): HTTP 404 Not Found");
    }

    [Fact]
    public async Task Enqueue_NotifierWithOwnPolicy_GivesUpAfterItsAttempts()
    {
        var time = new TrackedTimeProvider();
        var notifier = new PolicyNotifier("pagerduty", new RetryPolicy(2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)));
        await using var dispatcher = Dispatcher([notifier], time);

        Dispatch(dispatcher, [Messages.Critical()], Enabled("pagerduty"), CancellationToken.None);
        var wait = await BackoffAsync(time, "pagerduty", 1);
        wait.ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("pagerduty")?.Failed == 1, "given up after the second attempt");
        notifier.Calls.ShouldBe(2);
        _log.Entries.ShouldContain(e => e.Message.Contains("after 2 attempt(s) (no attempts left)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enqueue_VendorAsksToRetryLater_WaitsAsLongAsAsked()
    {
        var time = new TrackedTimeProvider();
        var calls = 0;
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? NotifyResult.Failed("HTTP 429 Too Many Requests (retry after 30s)", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(30) }
            : NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], time);

        Dispatch(dispatcher, [Messages.Critical()], Enabled("slack"), CancellationToken.None);
        var wait = await BackoffAsync(time, "slack", 1);
        wait.ShouldBe(TimeSpan.FromSeconds(30));
        time.Advance(wait);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 1, "delivered after the wait");
    }

    [Fact]
    public async Task Enqueue_FailingPastMaxAge_IsGivenUp()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 502 Bad Gateway", retryable: true)));
        var options = new NotificationDispatcherOptions { Retry = new RetryPolicy(null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)) };
        _clock = time;
        await using var dispatcher = new NotificationDispatcher([notifier], _stats, options, time, _log);

        Dispatch(dispatcher, [Messages.Critical()], Enabled("slack"), CancellationToken.None);
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
    public async Task Enqueue_NotifierThrows_RetriesWithoutTheExceptionMessage()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack", (_, _, _) => throw new InvalidOperationException("POST https://hooks.slack.com/services/T000/B000/SECRETKEY failed"));
        await using var dispatcher = Dispatcher([notifier], time);

        Dispatch(dispatcher, [Messages.Critical()], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Retried == 1, "failure counted");
        _stats.Get("slack")!.LastError.ShouldBe("unexpected InvalidOperationException");
        _log.Entries.ShouldAllBe(e => !e.Message.Contains("SECRETKEY"));
    }

    [Fact]
    public async Task Enqueue_SeveralBatches_ReachOneNotifierInOrder()
    {
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        for (var i = 0; i < 20; i++)
        {
            Dispatch(dispatcher, [Messages.Critical(checkId: $"c{i}")], Enabled("log"), CancellationToken.None);
        }

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 20, "all delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(Enumerable.Range(0, 20).Select(i => $"c{i}"));
    }

    [Fact]
    public async Task Enqueue_ProfileOverrides_ReachTheNotifierAsItsSettings()
    {
        var notifier = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        Dispatch(dispatcher, [WithEmailOverride(Messages.Critical())], Enabled("email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "delivered");
        notifier.Calls[0].Config.Get("receivers").ShouldBe("[\"db@example.com\"]");
        notifier.Calls[0].Config.Get("url").ShouldBe("smtp.example.com");
    }

    [Fact]
    public async Task Enqueue_RecordedDelivery_RecordedDuringTheAttemptAndRemovedAfterSuccess()
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
        await Resume(dispatcher, term);

        Dispatch(dispatcher, [WithEmailOverride(Messages.Critical())], Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1 && outbox.Entries.Count == 0, "delivered and removed");
        seenDuringAttempt.ShouldBe(1);
    }

    [Fact]
    public async Task Enqueue_RecordedDelivery_EntryNamesTheInstanceNotItsSettings()
    {
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("email", (_, _, ct) => release.Task.WaitAsync(ct));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await Resume(dispatcher, Term());

        Dispatch(dispatcher, [WithEmailOverride(Messages.Critical())], Enabled("email"), CancellationToken.None);

        var entry = outbox.Entries.ShouldHaveSingleItem();
        (entry.Instance, entry.Kind, entry.Notifier).ShouldBe((NotifierSelection.InstanceName("email", entry.Overrides), "email", "email"));
        entry.Instance.ShouldStartWith("email+");
        entry.Overrides.ShouldNotBeNull()["receivers"].ShouldBe("[\"db@example.com\"]");
        entry.Messages.Single().CheckId.ShouldBe("service:web-1");
        System.Text.Encoding.UTF8.GetString(ConsulOutboxStore.Serialize(entry)).ShouldNotContain("smtp.example.com");
        release.SetResult(NotifyResult.Ok);
    }

    [Fact]
    public async Task Enqueue_PermanentFailure_RemovesTheEntry()
    {
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log", (_, _, _) => Task.FromResult(NotifyResult.Failed("bad", retryable: false)));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        await Resume(dispatcher, Term());

        Dispatch(dispatcher, [Messages.Critical()], Enabled("log"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Failed == 1 && outbox.Entries.Count == 0, "given up and removed");
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

        await Resume(dispatcher, Term(), Enabled("email", "log"));

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

        await Resume(dispatcher, Term(), Enabled("log"));

        await Eventually.ShouldHoldAsync(() => outbox.Entries.Count == 0, "removed");
        email.Calls.ShouldBeEmpty();
        _log.Entries.ShouldContain(e => e.Message == "Recorded delivery 0001 for email is dropped: the notifier is no longer enabled or available");
    }

    [Fact]
    public async Task Enqueue_TermEndsBeforeItsTurn_IsNotAttemptedAndStaysRecorded()
    {
        var outbox = new FakeOutboxStore();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("log", (messages, _, _) => messages[0].CheckId == "first" ? release.Task : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System, outbox);
        var term = Term();
        await Resume(dispatcher, term);

        Dispatch(dispatcher, [Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        Dispatch(dispatcher, [Later(Messages.Critical(checkId: "second"), seconds: 1)], Enabled("log"), CancellationToken.None);
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
    public async Task Enqueue_TermEndsDuringTheAttempt_CancelsItWithoutCountingAFailure()
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

        Dispatch(dispatcher, [Messages.Critical(checkId: "hangs")], Enabled("log"), term.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await term.CancelAsync();

        await Eventually.ShouldHoldAsync(() => seen.IsCancellationRequested, "the attempt was cancelled");
        Dispatch(dispatcher, [Messages.Critical(checkId: "next")], Enabled("log"), CancellationToken.None);
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
        await Resume(dispatcher, Term());
        Dispatch(dispatcher, [Messages.Critical()], Enabled("log", "slack"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => log.Calls.Count == 1 && _stats.Get("slack")?.Retried == 1, "log attempting, slack waiting to retry");

        var draining = dispatcher.DrainAsync();
        release.SetResult(NotifyResult.Ok);
        await draining.WaitAsync(TimeSpan.FromSeconds(10));

        _stats.Get("log")!.Sent.ShouldBe(1);
        outbox.Entries.ShouldHaveSingleItem().Instance.ShouldBe("slack");
        slack.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ResumeAsync_BatchWithoutCommitRecord_IsRemovedNotDelivered()
    {
        var outbox = new FakeOutboxStore();
        outbox.Seed(Entry(OutboxKeys.Entry("0638000000000000000-00000000000000aa", 0), "log", Messages.Critical(checkId: "half-written")), committed: false);
        outbox.Seed(Entry(OutboxKeys.Entry("0638000000000000000-00000000000000bb", 0), "log", Messages.Critical(checkId: "whole")));
        var log = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([log], TimeProvider.System, outbox);

        await Resume(dispatcher, Term(), Enabled("log"));

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1 && outbox.Keys.Count == 0, "the whole batch delivered, everything removed");
        log.Calls.ShouldHaveSingleItem().Messages.Single().CheckId.ShouldBe("whole");
    }

    [Fact]
    public async Task Enqueue_NotifierFixedInKvWhileRetrying_NextAttemptUsesTheNewSettingsAtOnceAndTheQueueMovesOn()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var webhook = new FakeNotifier("webhook", (_, config, _) => Task.FromResult(config.Get("url") == "http://127.0.0.1:1/right"
            ? NotifyResult.Ok
            : NotifyResult.Failed("connection refused", retryable: true)));
        _clock = time;
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox: null, live);
        Dispatch(dispatcher, [Messages.Critical(checkId: "first")], live.Current, CancellationToken.None);
        Dispatch(dispatcher, [Messages.Critical(checkId: "second")], live.Current, CancellationToken.None);
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
    public async Task Enqueue_UnrelatedConfigChangeWhileRetrying_KeepsWaitingItsBackoff()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var webhook = new FakeNotifier("webhook", (_, _, _) => Task.FromResult(NotifyResult.Failed("connection refused", retryable: true)));
        _clock = time;
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox: null, live);
        Dispatch(dispatcher, [Messages.Critical()], live.Current, CancellationToken.None);
        await BackoffAsync(time, "webhook", 1);

        live.Publish(WithUrl(Enabled("webhook", "log"), "http://127.0.0.1:1/wrong", revision: 2));
        live.Publish(WithUrl(Enabled("webhook", "email"), "http://127.0.0.1:1/wrong", revision: 3));

        // The waiting attempt is still the only timer: nothing was tried again.
        await Task.Delay(50);
        time.PendingTimers.ShouldBe(1);
        webhook.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Enqueue_NotifierDisabledWhileRetrying_EndsTheDeliveryAndRemovesItsEntry()
    {
        var time = new TrackedTimeProvider();
        var live = new AlertsConfigStore();
        live.Publish(WithUrl(Enabled("webhook"), "http://127.0.0.1:1/wrong", revision: 1));
        var outbox = new FakeOutboxStore();
        var webhook = new FakeNotifier("webhook", (_, _, _) => Task.FromResult(NotifyResult.Failed("connection refused", retryable: true)));
        (_clock, _outbox) = (time, outbox);
        await using var dispatcher = new NotificationDispatcher([webhook], _stats, new NotificationDispatcherOptions(), time, _log, outbox, live);
        await Resume(dispatcher, Term());
        Dispatch(dispatcher, [Messages.Critical()], live.Current, CancellationToken.None);
        await BackoffAsync(time, "webhook", 1);

        live.Publish(WithUrl(Enabled("log"), "http://127.0.0.1:1/wrong", revision: 2));

        await Eventually.ShouldHoldAsync(() => _stats.Get("webhook")?.Failed == 1 && outbox.Keys.Count == 0, "dropped and removed");
        webhook.Calls.Count.ShouldBe(1);
        _stats.Get("webhook")!.LastError.ShouldBe("notifier no longer enabled or configured");
    }

    [Fact]
    public async Task Enqueue_DeliveriesWithinTheGroupWait_GoOutAsOneCallWithAllTheirMessages()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack");
        var config = GroupWait(TimeSpan.FromSeconds(2), "slack");
        await using var dispatcher = Grouping([notifier], time, config);

        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Grouping == 1 && time.PendingTimers == 1, "a group opened by the first delivery");
        time.Advance(TimeSpan.FromSeconds(1));
        Dispatch(dispatcher, [Messages.Critical(checkId: "c1")], config, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Dispatch(dispatcher, [Messages.Critical(checkId: "c2"), Messages.Critical(checkId: "c3")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { Grouping: 3, Queued: 3 } && time.PendingTimers == 1, "three deliveries gathered");
        notifier.Calls.ShouldBeEmpty();

        time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { Sent: 4, Queued: 0, Grouping: 0 }, "the group delivered");
        notifier.Calls.ShouldHaveSingleItem().Messages.Select(m => m.CheckId).ShouldBe(["c0", "c1", "c2", "c3"]);
        DeliveryHistory.Of(_stats).Snapshot().ShouldHaveSingleItem().MessageCount.ShouldBe(4);
    }

    [Fact]
    public async Task Enqueue_DeliveryArrivingAfterTheGroupWait_StartsTheNextGroupWithItsOwnWait()
    {
        var time = new TrackedTimeProvider();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("slack", (messages, _, _) => messages[0].CheckId == "c0" ? release.Task : Task.FromResult(NotifyResult.Ok));
        var config = GroupWait(TimeSpan.FromSeconds(2), "slack");
        await using var dispatcher = Grouping([notifier], time, config);
        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Grouping == 1 && time.PendingTimers == 1, "a group opened");
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "the first group under way");

        // Both arrive while the first group is being sent: the first of them opens the next group, the other joins it.
        time.Advance(TimeSpan.FromMilliseconds(1));
        Dispatch(dispatcher, [Messages.Critical(checkId: "c1")], config, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Dispatch(dispatcher, [Messages.Critical(checkId: "c2")], config, CancellationToken.None);
        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack") is { Sent: 1, Grouping: 2 } && time.PendingTimers == 1, "the next group gathered");
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 3, "the next group delivered");
        notifier.Calls.Select(c => string.Join(",", c.Messages.Select(m => m.CheckId))).ShouldBe(["c0", "c1,c2"]);
    }

    [Fact]
    public async Task Enqueue_GroupWaitZero_EachDeliveryGoesOutOnItsOwnAsBefore()
    {
        var time = new TrackedTimeProvider();
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("slack", (messages, _, _) => messages[0].CheckId == "c0" ? release.Task : Task.FromResult(NotifyResult.Ok));
        var config = GroupWait(TimeSpan.Zero, "slack");
        await using var dispatcher = Grouping([notifier], time, config);

        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "the first sent at once, with no time passing");
        Dispatch(dispatcher, [Messages.Critical(checkId: "c1")], config, CancellationToken.None);
        Dispatch(dispatcher, [Messages.Critical(checkId: "c2")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Queued == 3, "two waiting behind it");
        release.SetResult(NotifyResult.Ok);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 3, "all delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["c0", "c1", "c2"]);
        _stats.Get("slack")!.Grouping.ShouldBe(0);
    }

    [Fact]
    public async Task Enqueue_ProfileWithGroupWaitZero_IsSentAtOnceWhateverTheDefault()
    {
        var time = new TrackedTimeProvider();
        var notifier = new FakeNotifier("slack");
        var config = GroupWait(TimeSpan.FromSeconds(2), "slack") with
        {
            Profiles = new Dictionary<string, ProfileConfig>(StringComparer.Ordinal) { ["urgent"] = new("urgent") { GroupWait = TimeSpan.Zero } },
        };
        await using var dispatcher = Grouping([notifier], time, config);

        Dispatch(dispatcher, [Messages.Critical() with { Profile = "urgent" }], config, CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Sent == 1, "delivered with no time passing");
    }

    [Fact]
    public async Task Enqueue_GroupForAPerCheckNotifier_SendsOneEventPerCheck()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var time = new TrackedTimeProvider();
        var config = GroupWait(TimeSpan.FromSeconds(2), "pagerduty");
        config = config with
        {
            Notifiers = config.Notifiers.ToDictionary(
                n => n.Key,
                n => n.Key == "pagerduty" ? n.Value with { Values = new Dictionary<string, string> { ["service-key"] = "KEY", ["base-url"] = receiver.BaseUrl.ToString() } } : n.Value,
                StringComparer.Ordinal),
        };
        var pagerDuty = new ConsulAlerts.Notifications.Notifiers.PagerDuty.PagerDutyNotifier(HttpNotifierTesting.Clients(), TimeProvider.System);
        await using var dispatcher = Grouping([pagerDuty], time, config);

        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("pagerduty")?.Grouping == 1 && time.PendingTimers == 1, "a group opened");
        Dispatch(dispatcher, [Messages.Critical(checkId: "c1"), Messages.Critical(node: "node2", checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("pagerduty")?.Grouping == 2, "the second delivery joined");
        time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.ShouldHoldAsync(() => _stats.Get("pagerduty")?.Sent == 3, "the group delivered");
        receiver.Requests.Select(r => r.Json().GetProperty("dedup_key").GetString())
            .ShouldBe(["node1:web-1:c0", "node1:web-1:c1", "node2:web-1:c0"], ignoreOrder: true);
        DeliveryHistory.Of(_stats).Snapshot().ShouldHaveSingleItem().MessageCount.ShouldBe(3);
    }

    [Fact]
    public async Task Enqueue_GroupFailsRetryably_IsRetriedWhole()
    {
        var time = new TrackedTimeProvider();
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 503 Service Unavailable", retryable: true)));
        var config = GroupWait(TimeSpan.FromSeconds(2), "slack");
        await using var dispatcher = Grouping([notifier], time, config, outbox);
        await Resume(dispatcher, Term(), config);
        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        Dispatch(dispatcher, [Later(Messages.Critical(checkId: "c1"), seconds: 1)], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Grouping == 2 && time.PendingTimers == 1, "both gathered");
        time.Advance(TimeSpan.FromSeconds(2));

        var wait = await BackoffAsync(time, "slack", retried: 2);
        _stats.Get("slack")!.Grouping.ShouldBe(0);
        outbox.Entries.Count.ShouldBe(2);
        time.Advance(wait);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 2 && _stats.Get("slack")?.Retried == 4, "the second attempt failed too");

        notifier.Calls.ShouldAllBe(c => c.Messages.Count == 2);
        _stats.Get("slack")!.Queued.ShouldBe(2);
    }

    [Fact]
    public async Task Enqueue_GroupDelivered_RemovesEveryEntryAndCommitRecordOnceInOneRemoval()
    {
        var time = new TrackedTimeProvider();
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log");
        var config = GroupWait(TimeSpan.FromSeconds(2), "log");
        await using var dispatcher = Grouping([notifier], time, config, outbox);
        await Resume(dispatcher, Term(), config);
        for (var i = 0; i < 3; i++)
        {
            Dispatch(dispatcher, [Later(Messages.Critical(checkId: $"c{i}"), seconds: i)], config, CancellationToken.None);
        }

        var keys = outbox.Keys;
        keys.Count.ShouldBe(6);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Grouping == 3 && time.PendingTimers == 1, "three batches gathered");
        time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.ShouldHoldAsync(() => outbox.Keys.Count == 0, "every entry and commit record removed");
        await dispatcher.WhenRemovedAsync();
        outbox.Removals.ShouldHaveSingleItem().ShouldBe(keys, ignoreOrder: true);
        notifier.Calls.ShouldHaveSingleItem().Messages.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ResumeAsync_EntriesDecidedWithinOneGroupWait_GoOutTogetherWithoutWaitingAgain()
    {
        var time = new TrackedTimeProvider();
        var now = time.GetUtcNow();
        var outbox = new FakeOutboxStore();
        outbox.Seed(Entry("0001", "log", Messages.Critical(checkId: "a")) with { Created = now.AddSeconds(-10) });
        outbox.Seed(Entry("0002", "log", Messages.Critical(checkId: "b")) with { Created = now.AddSeconds(-9) });
        outbox.Seed(Entry("0003", "log", Messages.Critical(checkId: "c")) with { Created = now.AddSeconds(-5) });
        var log = new FakeNotifier("log");
        var config = GroupWait(TimeSpan.FromSeconds(2), "log");
        await using var dispatcher = Grouping([log], time, config, outbox);

        await Resume(dispatcher, Term(), config);

        // No time passes: the previous leader's waits have long run out.
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 3 && outbox.Entries.Count == 0, "delivered and removed");
        log.Calls.Select(c => string.Join(",", c.Messages.Select(m => m.CheckId))).ShouldBe(["a,b", "c"]);
    }

    [Fact]
    public async Task Enqueue_TermEndsWhileTheGroupGathers_NothingIsSentAndTheEntriesStay()
    {
        var time = new TrackedTimeProvider();
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log");
        var config = GroupWait(TimeSpan.FromSeconds(2), "log");
        await using var dispatcher = Grouping([notifier], time, config, outbox);
        var term = Term();
        await Resume(dispatcher, term, config);
        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        Dispatch(dispatcher, [Later(Messages.Critical(checkId: "c1"), seconds: 1)], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Grouping == 2, "gathering");

        term.End("test");

        await Eventually.ShouldHoldAsync(() => _stats.Get("log") is { Queued: 0, Grouping: 0 }, "the group abandoned");
        notifier.Calls.ShouldBeEmpty();
        outbox.Entries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task DrainAsync_WhileAGroupGathers_LeavesItInTheOutbox()
    {
        var time = new TrackedTimeProvider();
        var outbox = new FakeOutboxStore();
        var notifier = new FakeNotifier("log");
        var config = GroupWait(TimeSpan.FromSeconds(2), "log");
        await using var dispatcher = Grouping([notifier], time, config, outbox);
        await Resume(dispatcher, Term(), config);
        Dispatch(dispatcher, [Messages.Critical(checkId: "c0")], config, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Grouping == 1, "gathering");

        await dispatcher.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));

        notifier.Calls.ShouldBeEmpty();
        outbox.Entries.ShouldHaveSingleItem().Messages.Single().CheckId.ShouldBe("c0");
        _stats.Get("log")!.Queued.ShouldBe(0);
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

    private NotificationDispatcher Dispatcher(INotifier[] notifiers, TimeProvider time, FakeOutboxStore? outbox = null)
    {
        _clock = time;
        _outbox = outbox;
        return new(notifiers, _stats, new NotificationDispatcherOptions(), time, _log, outbox);
    }

    /// <summary>A dispatcher reading <paramref name="config"/> as the configuration in force (group-waits included).</summary>
    private NotificationDispatcher Grouping(INotifier[] notifiers, TrackedTimeProvider time, AlertsConfig config, FakeOutboxStore? outbox = null)
    {
        var live = new AlertsConfigStore();
        live.Publish(config with { Revision = 1 });
        (_clock, _outbox) = (time, outbox);
        return new NotificationDispatcher(notifiers, _stats, new NotificationDispatcherOptions(), time, _log, outbox, live);
    }

    /// <summary>These notifiers on, deliveries grouped for <paramref name="wait"/>.</summary>
    private static AlertsConfig GroupWait(TimeSpan wait, params string[] names) => Enabled(names) with { Checks = new ChecksConfig { GroupWait = wait } };

    /// <summary>Starts a term: the dispatcher loads the outbox, and later deliveries belong to the term.</summary>
    private async Task Resume(NotificationDispatcher dispatcher, LeaderTerm term, AlertsConfig? config = null)
    {
        _term = term;
        await dispatcher.ResumeAsync(term, config ?? Enabled([.. NotifierConfig.Defaults.Keys]), CancellationToken.None);
    }

    /// <summary>
    /// What the recorder and the state writer do before the dispatcher's turn: plan the messages' deliveries and, with
    /// an outbox, record them as one committed batch; then hand them over for the term.
    /// </summary>
    private void Dispatch(NotificationDispatcher dispatcher, IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken term)
    {
        var now = _clock.GetUtcNow();
        var deliveries = NotifierSelection.Plan(messages, config).Deliveries.Where(d => dispatcher.Knows(d.Kind)).Select(d => d with { Created = now }).ToList();
        if (_outbox is not null)
        {
            var batch = OutboxKeys.BatchOf(messages);
            deliveries = deliveries.Select((d, i) => d with { OutboxId = OutboxKeys.Entry(batch, i) }).ToList();
            foreach (var delivery in deliveries)
            {
                _outbox.Seed(DecisionRecorder.ToEntry(delivery, delivery.OutboxId!));
            }
        }

        dispatcher.Enqueue(deliveries, term == default && _term is { } current ? current.Token : term);
    }

    private static AlertsConfig WithUrl(AlertsConfig config, string url, ulong revision) => config with
    {
        Revision = revision,
        Notifiers = config.Notifiers.ToDictionary(
            n => n.Key,
            n => n.Key == "webhook" ? n.Value with { Values = new Dictionary<string, string> { ["url"] = url } } : n.Value,
            StringComparer.Ordinal),
    };

    /// <summary>These notifiers on, deliveries not grouped.</summary>
    private static AlertsConfig Enabled(params string[] names) => new()
    {
        Checks = new ChecksConfig { GroupWait = TimeSpan.Zero },
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
}
