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
    public async Task LeaderKilledBetweenTheTransactionsOfABatchOf71Deliveries_NextLeaderDeliversEachExactlyOnce()
    {
        const int CustomNotifiers = 70; // with the log notifier, 71 deliveries: one batch over two transactions
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Daemons = 2,
            ThroughHttpProxy = true,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        var consul = cluster.HttpProxy.ShouldNotBeNull();
        var root = Directory.CreateTempSubdirectory("consul-alerts-custom-").FullName;
        try
        {
            var calls = new List<string>();
            for (var i = 0; i < CustomNotifiers; i++)
            {
                calls.Add(await AddCustomNotifierAsync(cluster, root, $"page-{i:D2}"));
            }

            await cluster.StartAllAsync();
            var leader = await cluster.WaitForLeaderAsync();
            await cluster.Consul.RegisterNodeChecksAsync(Node, [("web", "passing", "HTTP GET: 200 OK")]);
            await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync($"consul-alerts/checks/{Node}/_/web"), "the check tracked");

            // The batch's first transaction (entries only) commits; its last (the rest, the commit record and the
            // check state) fails until the leader is killed.
            consul.FailWhen = (method, path, body) =>
                method == "PUT" && path == "/v1/txn" && body.Contains("/commit\",\"Value\"", StringComparison.Ordinal);
            await cluster.Consul.RegisterNodeChecksAsync(Node, [("web", "critical", "HTTP GET: 503")]);
            cluster.Record("web critical");
            await cluster.WaitUntilAsync(() => consul.Failed >= 1, "the batch's last transaction failed", TimeSpan.FromSeconds(60));
            var keysBeforeKill = await cluster.Consul.KeysAsync("consul-alerts/outbox/");
            await cluster.KillAsync(leader);
            consul.FailWhen = null;

            await cluster.WaitUntilAsync(
                () => cluster.Notified("web", "critical") >= 1 && calls.All(c => Calls(c) >= 1), "every delivery made by the next leader", TimeSpan.FromSeconds(90));
            await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "the outbox emptied");

            // A later change goes through the same queues after everything above: any duplicate would be there by now.
            await cluster.Consul.RegisterNodeChecksAsync(Node, [("web", "passing", "HTTP GET: 200 OK")]);
            await cluster.WaitUntilAsync(() => cluster.Notified("web", "passing") == 1 && calls.All(c => Calls(c) >= 2), "the recovery delivered everywhere");

            string context = $"outbox keys before the kill: {keysBeforeKill.Count}\n" + await cluster.DescribeAsync();
            keysBeforeKill.Count.ShouldBe(63, "the first transaction of the batch committed, entries only\n" + context);
            keysBeforeKill.ShouldNotContain(k => k.EndsWith("/commit", StringComparison.Ordinal), context);
            cluster.Notified("web", "critical").ShouldBe(1, context);
            calls.Where(c => Calls(c) != 2).ShouldBeEmpty("each custom notifier got the alert and the recovery exactly once\n" + context);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
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

    /// <summary>A custom notifier script that keeps each call's stdin as one file; returns the folder of its calls.</summary>
    private static async Task<string> AddCustomNotifierAsync(ClusterHarness cluster, string root, string name)
    {
        var calls = Directory.CreateDirectory(Path.Combine(root, name + "-calls")).FullName;
        var script = Path.Combine(root, name + ".sh");
        // Written aside and renamed into place: a reader never sees a call file before its content.
        await File.WriteAllTextAsync(script, $"#!/bin/bash\nname=$(date +%s%N)-$$\ncat > \"{calls}/.$name.tmp\"\nmv \"{calls}/.$name.tmp\" \"{calls}/$name.json\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await cluster.Consul.PutAsync($"consul-alerts/config/notifiers/custom/{name}", script);
        return calls;
    }

    private static int Calls(string folder) => Directory.GetFiles(folder, "*.json").Length;

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
