using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Notifications.Pipeline;

public sealed class RetryStageTests
{
    private static readonly DeliverySettings Settings = new(null);

    [Fact]
    public async Task RunAsync_LeaseRanOut_AbandonsWithoutCallingTheNotifier()
    {
        int calls = 0;
        var notifier = new FakeNotifier("log", (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(NotifyResult.Ok);
        });
        var stage = new RetryStage(new NotificationStats(), TimeProvider.System, NullLogger.Instance, () => 0, mayAttempt: () => false);

        await Should.ThrowAsync<OperationCanceledException>(() =>
            stage.RunAsync(notifier, Delivery(), Settings, RetryPolicy.Default, TimeSpan.FromSeconds(5), CancellationToken.None, CancellationToken.None));

        calls.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_LeaseRunsOutWhileRetrying_NextAttemptIsNotMade()
    {
        int calls = 0;
        bool leading = true;
        var notifier = new FakeNotifier("log", (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            leading = false; // the daemon stalls past its lease while the first attempt fails
            return Task.FromResult(NotifyResult.Failed("HTTP 503", retryable: true));
        });
        var stage = new RetryStage(new NotificationStats(), TimeProvider.System, NullLogger.Instance, () => 0, mayAttempt: () => leading);
        var policy = new RetryPolicy(5, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            stage.RunAsync(notifier, Delivery(), Settings, policy, TimeSpan.FromSeconds(5), CancellationToken.None, CancellationToken.None));

        calls.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_LeaseHolds_Delivers()
    {
        var notifier = new FakeNotifier("log", (_, _, _) => Task.FromResult(NotifyResult.Ok));
        var stage = new RetryStage(new NotificationStats(), TimeProvider.System, NullLogger.Instance, () => 0, mayAttempt: () => true);

        var outcome = await stage.RunAsync(notifier, Delivery(), Settings, RetryPolicy.Default, TimeSpan.FromSeconds(5), CancellationToken.None, CancellationToken.None);

        outcome.ShouldBe(DeliveryOutcome.Delivered);
    }

    private static NotificationDelivery Delivery() =>
        new NotificationDelivery("log", "log", NotifierConfig.Defaults["log"], [new Message { Node = "n1", CheckId = "web", Check = "web", Status = "critical" }])
        {
            Created = DateTimeOffset.UtcNow,
        };
}
