using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Deliveries in the real daemon when things go wrong half-way: an outbox write that fails after part of its batch
/// committed, then a crash; and a notifier whose settings are fixed in KV while its deliveries retry.
/// </summary>
public sealed class DeliveryRecoveryEndToEndTests
{
    private const string Node = "web-node";
    private const int Checks = 60;

    [Fact]
    public async Task OutboxWriteFailsMidBatchRepeatedlyThenDaemonKilled_NextRunDeliversEachAlertOnceAndLeavesNoOrphans()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Daemons = 1,
            ThroughHttpProxy = true,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        var consul = cluster.HttpProxy.ShouldNotBeNull();
        await using var receiver = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        await cluster.StartAllAsync();
        var checks = Enumerable.Range(0, Checks).Select(i => $"http-{i}").ToList();
        await cluster.Consul.RegisterNodeChecksAsync(Node, checks.Select(c => (c, "passing", "HTTP GET: 200 OK")));
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync($"consul-alerts/checks/{Node}/_/http-{Checks - 1}"), "the checks tracked");

        // 60 outputs of 3 KB, for two notifiers, make a batch of two outbox transactions: Consul takes the first and
        // fails the second, at every attempt.
        var outboxWrites = 0;
        consul.FailWhen = (method, path, body) =>
            method == "PUT" && path == "/v1/txn" && body.Contains("\"Verb\":\"set\",\"Key\":\"consul-alerts/outbox/", StringComparison.Ordinal)
            && Interlocked.Increment(ref outboxWrites) % 2 == 0;
        await cluster.Consul.RegisterNodeChecksAsync(Node, checks.Select(c => (c, "critical", $"{c}: " + new string('x', 3000))));
        cluster.Record($"{Checks} checks critical; every second outbox transaction fails");
        await cluster.WaitUntilAsync(() => consul.Failed >= 3, "three attempts at the batch failed half-way", TimeSpan.FromSeconds(60));
        var keysBeforeKill = await cluster.Consul.KeysAsync("consul-alerts/outbox/");
        await cluster.KillAsync(0);
        consul.FailWhen = null;
        var notifiedBeforeKill = checks.Sum(c => cluster.Notified(c, "critical"));

        await cluster.StartAsync(0);
        await cluster.WaitUntilAsync(
            () => checks.All(c => cluster.Notified(c, "critical") >= 1 && receiver.Accepted(c, "critical") >= 1), "every alert delivered by the next run");
        await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "the outbox emptied");

        // A later change goes through the same pipeline after everything above: any duplicate would be there by now.
        await cluster.Consul.RegisterNodeChecksAsync(Node, [("http-0", "passing", "HTTP GET: 200 OK")]);
        await cluster.WaitUntilAsync(() => cluster.Notified("http-0", "passing") == 1, "a later change notified");

        string context = $"outbox keys before the kill: {string.Join(", ", keysBeforeKill)}\n" + await cluster.DescribeAsync();
        keysBeforeKill.Count.ShouldBeGreaterThan(0, "part of a batch committed before the failure\n" + context);
        notifiedBeforeKill.ShouldBe(0, context);
        checks.Where(c => cluster.Notified(c, "critical") != 1 || receiver.Accepted(c, "critical") != 1).ShouldBeEmpty("each alert exactly once\n" + context);
        (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).ShouldBeEmpty(context);
    }

    [Fact]
    public async Task WebhookUrlCorrectedInKvWhileRetrying_RetriesAndTheQueuedDeliveryGoToTheNewUrl()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 1 });
        await using var receiver = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", $"http://127.0.0.1:{ClosedPort()}/hook");
        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("a", "a-ttl");
        await cluster.AddTtlCheckAsync("b", "b-ttl");

        await cluster.SetCheckAsync("a-ttl", "fail");
        await cluster.WaitUntilAsync(async () => Retried(await cluster.StatusAsync(0)) >= 3, "the webhook retrying a-ttl");
        await cluster.SetCheckAsync("b-ttl", "fail");
        await cluster.WaitUntilAsync(() => cluster.Notified("b-ttl", "critical") == 1, "b-ttl decided and queued behind a-ttl");

        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        cluster.Record("webhook URL corrected");

        await cluster.WaitUntilAsync(
            () => receiver.Accepted("a-ttl", "critical") == 1 && receiver.Accepted("b-ttl", "critical") == 1,
            "both alerts delivered to the corrected URL", TimeSpan.FromSeconds(30));
        await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "the outbox emptied");
        var logs = cluster.Daemons[0].Process.Output;
        logs.ShouldContain("settings changed in Consul", Case.Sensitive, await cluster.DescribeAsync());
        logs.ShouldNotContain(receiver.Url("/hook"), Case.Sensitive);
    }

    /// <summary>The webhook's failed attempts that are being retried, from <c>/v1/status</c>.</summary>
    private static int Retried(DaemonStatus? status)
    {
        if (status?.Json is not { } json)
        {
            return 0;
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("notifiers").EnumerateArray()
            .Where(n => n.GetProperty("name").GetString() == "webhook")
            .Select(n => n.GetProperty("retried").GetInt32())
            .FirstOrDefault();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
