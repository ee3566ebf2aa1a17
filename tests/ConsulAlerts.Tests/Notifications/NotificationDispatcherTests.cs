using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Notifications;

public sealed class NotificationDispatcherTests
{
    private readonly NotificationStats _stats = new();
    private readonly RecordingLogger<NotificationDispatcher> _log = new();

    [Fact]
    public async Task Dispatch_SlowNotifier_DoesNotDelayAnother()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var fast = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([slow, fast], TimeProvider.System);

        _ = dispatcher.DispatchAsync([Messages.Critical()], Enabled("log", "email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Sent == 1, "email delivered");
        await Eventually.ShouldHoldAsync(() => slow.Calls.Count == 1, "the slow delivery started"); // its own worker: no ordering with email
        release.Task.IsCompleted.ShouldBeFalse();
        _stats.Get("log").ShouldBeNull();

        release.SetResult(NotifyResult.Ok);
        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1, "log delivered");
    }

    [Fact]
    public async Task Dispatch_NotifierHangsIgnoringCancellation_IsAbandonedAtItsTimeoutAndItsQueueMovesOn()
    {
        var time = new FakeTimeProvider();
        var hung = new TaskCompletionSource<NotifyResult>();
        var calls = 0;
        var notifier = new FakeNotifier("log", (_, _, _) => Interlocked.Increment(ref calls) == 1 ? hung.Task : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], time);

        _ = dispatcher.DispatchAsync([Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        _ = dispatcher.DispatchAsync([Messages.Critical(checkId: "second")], Enabled("log"), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "first delivery started");
        await Task.Delay(50);
        notifier.Calls.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.ShouldHoldAsync(() => _stats.Get("log")?.Sent == 1, "second delivered");
        var stats = _stats.Get("log").ShouldNotBeNull();
        stats.Failed.ShouldBe(1);
        stats.LastError.ShouldBe("timed out after 30 s");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["first", "second"]);
    }

    [Fact]
    public async Task Dispatch_FailedDelivery_IsCountedAndLoggedWithTheNotifierName()
    {
        var notifier = new FakeNotifier("slack", (_, _, _) => Task.FromResult(NotifyResult.Failed("HTTP 503 from Slack", retryable: true)));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        _ = dispatcher.DispatchAsync([Messages.Critical(), Messages.Critical(checkId: "other")], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Failed == 2, "failure counted");
        _stats.Get("slack")!.LastError.ShouldBe("HTTP 503 from Slack");
        await Eventually.ShouldHoldAsync(() => _log.Entries.Any(e => e.Level == LogLevel.Warning), "failure logged");
        _log.Entries.Single(e => e.Level == LogLevel.Warning).Message.ShouldBe(
            "Notifier slack failed to deliver 2 message(s) (retryable: True): HTTP 503 from Slack");
    }

    [Fact]
    public async Task Dispatch_NotifierThrows_CountsTheFailureWithoutTheExceptionMessage()
    {
        var notifier = new FakeNotifier("slack", (_, _, _) => throw new InvalidOperationException("POST https://hooks.slack.com/services/T000/B000/SECRETKEY failed"));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        _ = dispatcher.DispatchAsync([Messages.Critical()], Enabled("slack"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("slack")?.Failed == 1, "failure counted");
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
            _ = dispatcher.DispatchAsync([Messages.Critical(checkId: $"c{i}")], Enabled("log"), CancellationToken.None);
        }

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 20, "all delivered");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(Enumerable.Range(0, 20).Select(i => $"c{i}"));
    }

    [Fact]
    public async Task Dispatch_ProfileOverrides_ReachTheNotifierAsItsSettings()
    {
        var notifier = new FakeNotifier("email");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);
        var message = Messages.Critical() with
        {
            NotifList = new Dictionary<string, bool> { ["email"] = true },
            VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"db@example.com\"]" },
            },
        };

        _ = dispatcher.DispatchAsync([message], Enabled("email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "delivered");
        notifier.Calls[0].Config.Get("receivers").ShouldBe("[\"db@example.com\"]");
        notifier.Calls[0].Config.Get("url").ShouldBe("smtp.example.com");
    }

    [Fact]
    public async Task Dispatch_EnabledNotifierWithoutImplementation_IsReportedOnce()
    {
        await using var dispatcher = Dispatcher([], TimeProvider.System);

        _ = dispatcher.DispatchAsync([Messages.Critical()], Enabled("victorops"), CancellationToken.None);
        _ = dispatcher.DispatchAsync([Messages.Critical()], Enabled("victorops"), CancellationToken.None);

        _log.Entries.Count(e => e.Message.Contains("victorops") && e.Level == LogLevel.Warning).ShouldBe(1);
    }

    [Fact]
    public async Task DispatchAsync_SeveralNotifiers_CompletesOnceEveryOneHadItsAttempt()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeNotifier("log", (_, _, ct) => release.Task.WaitAsync(ct));
        var failing = new FakeNotifier("email", (_, _, _) => Task.FromResult(NotifyResult.Failed("SMTP 554", retryable: false)));
        await using var dispatcher = Dispatcher([slow, failing], TimeProvider.System);

        var attempts = dispatcher.DispatchAsync([Messages.Critical()], Enabled("log", "email"), CancellationToken.None);

        await Eventually.ShouldHoldAsync(() => _stats.Get("email")?.Failed == 1 && slow.Calls.Count == 1, "email attempted and log started");
        await Task.Delay(50);
        attempts.IsCompleted.ShouldBeFalse();

        release.SetResult(NotifyResult.Ok);

        await attempts.WaitAsync(TimeSpan.FromSeconds(10));
        _stats.Get("log")!.Sent.ShouldBe(1);
    }

    [Fact]
    public async Task DispatchAsync_TermEndsBeforeItsTurn_IsNotAttemptedAndTheTaskIsCancelled()
    {
        var release = new TaskCompletionSource<NotifyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new FakeNotifier("log", (messages, _, ct) => messages[0].CheckId == "first" ? release.Task.WaitAsync(ct) : Task.FromResult(NotifyResult.Ok));
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);
        using var term = new CancellationTokenSource();

        var first = dispatcher.DispatchAsync([Messages.Critical(checkId: "first")], Enabled("log"), CancellationToken.None);
        var second = dispatcher.DispatchAsync([Messages.Critical(checkId: "second")], Enabled("log"), term.Token);
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "first delivery started");
        await term.CancelAsync();
        release.SetResult(NotifyResult.Ok);

        await Should.ThrowAsync<TaskCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        second.IsCanceled.ShouldBeTrue();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["first"]);
        _stats.Get("log")!.Sent.ShouldBe(1);
    }

    [Fact]
    public async Task DispatchAsync_TermAlreadyOver_NothingIsAttempted()
    {
        var notifier = new FakeNotifier("log");
        await using var dispatcher = Dispatcher([notifier], TimeProvider.System);

        var attempts = dispatcher.DispatchAsync([Messages.Critical()], Enabled("log"), new CancellationToken(canceled: true));

        await Should.ThrowAsync<TaskCanceledException>(() => attempts.WaitAsync(TimeSpan.FromSeconds(10)));
        notifier.Calls.ShouldBeEmpty();
        _stats.Get("log").ShouldBeNull();
    }

    [Fact]
    public async Task DispatchAsync_TermEndsDuringTheAttempt_CancelsItWithoutCountingAFailure()
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

        var attempt = dispatcher.DispatchAsync([Messages.Critical(checkId: "hangs")], Enabled("log"), term.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await term.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(() => attempt.WaitAsync(TimeSpan.FromSeconds(10)));
        seen.IsCancellationRequested.ShouldBeTrue();
        _stats.Get("log").ShouldBeNull();

        // The queue moves on to the next delivery.
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "next")], Enabled("log"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _stats.Get("log")!.Sent.ShouldBe(1);
    }

    private NotificationDispatcher Dispatcher(INotifier[] notifiers, TimeProvider time) =>
        new(notifiers, _stats, new NotificationDispatcherOptions(), time, _log);

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
}
