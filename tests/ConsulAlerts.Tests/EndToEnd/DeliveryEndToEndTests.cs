using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Configuration;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The delivery pipeline in the real daemon: a dead notifier delays no other, its alerts arrive once it recovers, a
/// daemon killed or stopped while retrying leaves its deliveries for the next run to make exactly once, and no secret
/// reaches the logs or the API while notifiers fail. Slow by nature: the outage lasts two minutes.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DeliveryEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HungAndFailingReceivers_ForTwoMinutes_DelayNoOtherNotifierAndGetTheirAlertsAfterRecovery()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 1 });
        await using var fine = await FlakyReceiver.StartAsync();
        await using var hung = await FlakyReceiver.StartAsync();
        await using var down = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", fine.Url("/fine"));
        await RouteToAsync(cluster, "hung-ttl", hung.Url("/hung"));
        await RouteToAsync(cluster, "down-ttl", down.Url("/down"));
        await cluster.StartAllAsync();
        foreach (var check in new[] { "hung-ttl", "down-ttl", "fine-ttl" })
        {
            await cluster.AddTtlCheckAsync(check[..^4], check);
        }

        hung.Set(FlakyReceiver.Mode.Hang);
        down.Set(FlakyReceiver.Mode.Fail);
        var outage = Stopwatch.StartNew();
        await cluster.SetCheckAsync("hung-ttl", "fail");
        await cluster.SetCheckAsync("down-ttl", "fail");
        await cluster.SetCheckAsync("fine-ttl", "fail");

        // Every other notifier is served at once: the webhook of fine-ttl, and the log for all three.
        await cluster.WaitUntilAsync(
            () => fine.Accepted("fine-ttl", "critical") == 1 && cluster.Notified("hung-ttl", "critical") == 1 && cluster.Notified("down-ttl", "critical") == 1,
            "the healthy notifiers to deliver at once", Prompt);
        var flips = new List<(string Status, TimeSpan Latency)>();
        var status = "critical";
        while (outage.Elapsed < TimeSpan.FromMinutes(2) - Prompt)
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            status = status == "critical" ? "passing" : "critical";
            if (flips.Count == 1)
            {
                await cluster.SetCheckAsync("hung-ttl", "pass"); // queued behind the hung delivery
                await cluster.SetCheckAsync("down-ttl", "pass");
            }

            var flipped = Stopwatch.StartNew();
            int before = fine.Accepted("fine-ttl", status);
            await cluster.SetCheckAsync("fine-ttl", status == "critical" ? "fail" : "pass");
            await cluster.WaitUntilAsync(() => fine.Accepted("fine-ttl", status) == before + 1, $"fine-ttl {status} delivered while the others fail", Prompt);
            flips.Add((status, flipped.Elapsed));
        }

        var during = await cluster.StatusAsync(0);
        int hungAttempts = hung.Requests.Count;
        int downAttempts = down.Requests.Count;
        var rest = TimeSpan.FromMinutes(2) - outage.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        hung.Set(FlakyReceiver.Mode.Ok);
        down.Set(FlakyReceiver.Mode.Ok);
        var recovery = Stopwatch.StartNew();
        var outageLasted = outage.Elapsed;

        await cluster.WaitUntilAsync(
            () => hung.Accepted("hung-ttl", "passing") == 1 && down.Accepted("down-ttl", "passing") == 1,
            "the recovered receivers to get every alert", TimeSpan.FromSeconds(100));
        var caughtUp = recovery.Elapsed;
        await cluster.SettleAsync(); // a duplicate delivery would have come by now

        string context = await cluster.DescribeAsync();
        output.WriteLine($"healthy webhook latencies during the outage: {string.Join(", ", flips.Select(f => $"{f.Status} {f.Latency.TotalSeconds:0.0}s"))}");
        output.WriteLine($"attempts during the outage: hung {hungAttempts}, down {downAttempts}; caught up {caughtUp.TotalSeconds:0.0} s after recovery");
        outageLasted.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(2), context);
        flips.Count.ShouldBeGreaterThanOrEqualTo(4, context);
        hungAttempts.ShouldBeGreaterThanOrEqualTo(2, context);
        downAttempts.ShouldBeGreaterThanOrEqualTo(5, context);
        during!.Json.ShouldContain("\"failing\": true", Case.Sensitive, context);
        Accepted(hung).ShouldBe(["hung-ttl critical", "hung-ttl passing"], context);
        Accepted(down).ShouldBe(["down-ttl critical", "down-ttl passing"], context);
        fine.Requests.ShouldAllBe(r => r.Status == 200, context);
        Accepted(fine).Count(a => a.StartsWith("fine-ttl", StringComparison.Ordinal)).ShouldBe(flips.Count + 1, context);
        (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).ShouldBeEmpty(context);
    }

    [Fact]
    public async Task DaemonKilledOrStoppedMidRetry_NextRunDeliversEachPendingAlertExactlyOnce()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Daemons = 1,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        await using var receiver = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        await cluster.StartAllAsync();
        foreach (var check in new[] { "a-ttl", "b-ttl", "c-ttl" })
        {
            await cluster.AddTtlCheckAsync(check[..^4], check);
        }

        receiver.Set(FlakyReceiver.Mode.Fail);
        await cluster.SetCheckAsync("a-ttl", "fail");
        await cluster.SetCheckAsync("b-ttl", "fail");
        // a is being retried; b is recorded too (the log notifier has it), in the same delivery or queued behind a's.
        await cluster.WaitUntilAsync(() => receiver.Attempts("a-ttl") >= 2 && cluster.Notified("b-ttl", "critical") == 1, "a being retried and b decided");
        int pendingBeforeKill = (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count;
        await cluster.KillAsync(0);
        receiver.Set(FlakyReceiver.Mode.Ok);
        await cluster.StartAsync(0);
        await cluster.WaitUntilAsync(() => receiver.Accepted("a-ttl", "critical") >= 1 && receiver.Accepted("b-ttl", "critical") >= 1, "a and b delivered by the next run");

        receiver.Set(FlakyReceiver.Mode.Fail);
        await cluster.SetCheckAsync("c-ttl", "fail");
        await cluster.WaitUntilAsync(() => receiver.Attempts("c-ttl") >= 2, "c being retried");
        receiver.Accepted("c-ttl", "critical").ShouldBe(0);
        int exit = await cluster.TerminateAsync(0);
        receiver.Set(FlakyReceiver.Mode.Ok);
        await cluster.StartAsync(0);
        await cluster.WaitUntilAsync(() => receiver.Accepted("c-ttl", "critical") >= 1, "c delivered by the next run");
        await cluster.SettleAsync(); // a duplicate would have come by now

        string context = await cluster.DescribeAsync();
        pendingBeforeKill.ShouldBeGreaterThanOrEqualTo(1, context);
        exit.ShouldBe(0, context);
        receiver.Accepted("a-ttl", "critical").ShouldBe(1, context);
        receiver.Accepted("b-ttl", "critical").ShouldBe(1, context);
        receiver.Accepted("c-ttl", "critical").ShouldBe(1, context);
        (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).ShouldBeEmpty(context);
        output.WriteLine($"attempts: a {receiver.Attempts("a-ttl")}, b {receiver.Attempts("b-ttl")}, c {receiver.Attempts("c-ttl")}");
    }

    [Fact]
    public async Task EveryNotifierFailing_NoSecretInLogsOrApi()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 1, LogLevel = "debug" });
        await using var receiver = await FlakyReceiver.StartAsync();
        receiver.Set(FlakyReceiver.Mode.Fail);
        int closedPort = ClosedPort();
        foreach (var (notifier, keys) in NotifierKeys.All)
        {
            await cluster.Consul.PutAsync($"consul-alerts/config/notifiers/{notifier}/enabled", "true");
            foreach (var (key, type) in keys)
            {
                string? value = (notifier, key, type) switch
                {
                    (_, _, NotifierKeyType.Secret) when key.EndsWith("url", StringComparison.Ordinal) => receiver.Url($"/hooks/SECRET-{notifier}-{key}"),
                    (_, _, NotifierKeyType.Secret) => $"SECRET-{notifier}-{key}",
                    ("email", "url", _) => "127.0.0.1",
                    ("email", "port", _) => closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ("email", "receivers", _) => "[\"ops@example.com\"]",
                    ("email", "sender-email", _) => "alerts@example.com",
                    ("webhook", "headers", _) => "{\"X-Api-Key\": \"SECRET-webhook-header\"}",
                    (_, "url" or "base-url" or "host", _) => receiver.Url("/"),
                    _ => null,
                };
                if (value is not null)
                {
                    await cluster.Consul.PutAsync($"consul-alerts/config/notifiers/{notifier}/{key}", value);
                }
            }
        }

        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        await cluster.SetCheckAsync("web-ttl", "fail");
        await cluster.WaitUntilAsync(async () => (await cluster.StatusAsync(0))?.Json is { } json && json.Split("\"retried\": ").Skip(1).Count(n => !n.StartsWith('0')) >= 3,
            "three notifiers retrying");
        // The retries were attempted and logged: what the assertions below search for secrets has been written.
        await cluster.WaitUntilAsync(
            () => receiver.Requests.Count > 3 && cluster.Daemons[0].Process.Output.Contains("retrying in", StringComparison.Ordinal), "retries made and logged");

        string status = (await cluster.StatusAsync(0))!.Json;
        using var api = new HttpClient();
        string health = await api.GetStringAsync(new Uri($"http://127.0.0.1:{cluster.Daemons[0].AlertPort}/v1/health/wildcard?alwaysOk=1"));
        string logs = cluster.Daemons[0].Process.Output;
        string context = status + "\n" + await cluster.DescribeAsync();
        logs.ShouldContain("retrying in", Case.Sensitive, context);
        health.ShouldContain("web-ttl", Case.Sensitive, context);
        receiver.Requests.Count.ShouldBeGreaterThan(3, context);
        status.ShouldNotContain("SECRET", Case.Insensitive, context);
        health.ShouldNotContain("SECRET", Case.Insensitive, context);
        logs.ShouldNotContain("SECRET", Case.Insensitive, context);
    }

    private static async Task RouteToAsync(ClusterHarness cluster, string checkId, string url)
    {
        string profile = checkId[..^4];
        await cluster.Consul.PutAsync(
            $"consul-alerts/config/notif-profiles/{profile}",
            """{"Interval": 0, "NotifList": {"webhook": true, "log": true}, "VarOverrides": {"webhook": {"url": """ + "\"" + url + "\"}}}");
        await cluster.Consul.PutAsync($"consul-alerts/config/notif-selection/checks/{checkId}", profile);
    }

    private static List<string> Accepted(FlakyReceiver receiver) =>
        receiver.Requests.Where(r => r.Status == 200).SelectMany(r => r.Messages).Select(m => $"{m.CheckId} {m.Status}").ToList();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
