using System.Text;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class DirectDeliveryTests
{
    private static readonly Message Alert = new() { Node = "_consul", CheckId = "consul-agent", Status = "critical", Output = "unreachable" };

    [Fact]
    public async Task SendAsync_EveryEnabledNotifier_EachGetsTheMessageOnce()
    {
        var log = new FakeNotifier("log");
        var webhook = new FakeNotifier("webhook");
        var delivery = new DirectDelivery([log, webhook], NullLogger<DirectDelivery>.Instance, TimeProvider.System);

        (await delivery.SendAsync(Alert, Config(("notifiers/webhook/enabled", "true"), ("notifiers/webhook/url", "http://127.0.0.1:1/hook")), default)).ShouldBeTrue();

        log.Calls.ShouldHaveSingleItem().Messages.ShouldHaveSingleItem().CheckId.ShouldBe("consul-agent");
        webhook.Calls.ShouldHaveSingleItem().Config.Get("url").ShouldBe("http://127.0.0.1:1/hook");
    }

    [Fact]
    public async Task SendAsync_RetryableFailuresThenSuccess_RetriedAfterOneAndTwoSeconds()
    {
        var time = new FakeTimeProvider();
        int calls = 0;
        var log = new FakeNotifier("log", (_, _, _) => Task.FromResult(++calls < 3 ? NotifyResult.Failed("503", retryable: true) : NotifyResult.Ok));
        var delivery = new DirectDelivery([log], NullLogger<DirectDelivery>.Instance, time);

        var sending = delivery.SendAsync(Alert, Config(), default);
        await WaitForCallsAsync(log, 1);
        time.Advance(TimeSpan.FromMilliseconds(999));
        log.Calls.Count.ShouldBe(1);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForCallsAsync(log, 2);
        time.Advance(TimeSpan.FromSeconds(2));

        (await sending).ShouldBeTrue();
        log.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_NotRetryable_OneAttemptAndFalse()
    {
        var log = new FakeNotifier("log", (_, _, _) => Task.FromResult(NotifyResult.Failed("400", retryable: false)));
        var delivery = new DirectDelivery([log], NullLogger<DirectDelivery>.Instance, TimeProvider.System);

        (await delivery.SendAsync(Alert, Config(), default)).ShouldBeFalse();

        log.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_NotifierThrowsEveryTime_FourAttemptsThenFalse()
    {
        var time = new FakeTimeProvider();
        var log = new FakeNotifier("log", (_, _, _) => throw new InvalidOperationException("secret https://hooks.example/abc"));
        var delivery = new DirectDelivery([log], NullLogger<DirectDelivery>.Instance, time);

        var sending = delivery.SendAsync(Alert, Config(), default);
        for (int i = 1; i < 4; i++)
        {
            await WaitForCallsAsync(log, i);
            time.Advance(TimeSpan.FromSeconds(1 << (i - 1)));
        }

        (await sending).ShouldBeFalse();
        log.Calls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task SendAsync_NoNotifierEnabled_FalseAndNothingCalled()
    {
        var log = new FakeNotifier("log");
        var delivery = new DirectDelivery([log], NullLogger<DirectDelivery>.Instance, TimeProvider.System);

        (await delivery.SendAsync(Alert, Config(("notifiers/log/enabled", "false")), default)).ShouldBeFalse();

        log.Calls.ShouldBeEmpty();
    }

    private static async Task WaitForCallsAsync(FakeNotifier notifier, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (notifier.Calls.Count < count)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waiting for call {count}");
            await Task.Delay(5);
        }
    }

    private static AlertsConfig Config(params (string Key, string Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = "consul-alerts/config/" + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), "consul-alerts", 1);
}
