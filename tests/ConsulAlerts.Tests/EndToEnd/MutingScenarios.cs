using System.Text.Json;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The real daemon against an agent (see the subclasses: the dev agent and a real one): maintenance and the node-down
/// inhibition mute changes, and what is still true is sent once when the mute ends. A muted decision is proved by its
/// stored state (it records what the notifiers last heard, in the same write a sent change would have made with its
/// outbox entry), never by waiting for nothing to happen.
/// </summary>
public abstract class MutingScenarios(ConsulKind kind) : IAsyncLifetime
{
    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync(kind);
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");
    }

    public async Task DisposeAsync()
    {
        // A skipped test (no real agent) never got a harness.
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task NodeMaintenance_ServiceCheckFailsDuringIt_NothingSentThenOneCriticalWhenItEnds()
    {
        await _harness.Consul.SetNodeMaintenanceAsync(true, "kernel upgrade");
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");
        await WaitUntilMutedAsync($"{_harness.Node}/web/web-ttl");
        WebLines().ShouldBeEmpty("the change was muted, so it was never recorded for delivery");
        using (var api = TestNetwork.NewClient())
        {
            using var wildcard = JsonDocument.Parse(await api.GetStringAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/v1/health/wildcard?check=web-ttl%20check&alwaysOk=1")));
            var muted = wildcard.RootElement.EnumerateArray().ShouldHaveSingleItem().GetProperty("Muted");
            (muted.GetProperty("Reason").GetString(), muted.GetProperty("By").GetString()).ShouldBe(("maintenance", "_node_maintenance"));
            using var status = JsonDocument.Parse(await api.GetStringAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/v1/status")));
            var muting = status.RootElement.GetProperty("muting");
            muting.GetProperty("unsent").GetInt32().ShouldBe(1);
            muting.GetProperty("mutedChanges").GetProperty("maintenance").GetInt64().ShouldBe(1);
        }

        await _harness.Consul.SetNodeMaintenanceAsync(false);
        await _harness.WaitUntilAsync(() => WebLines().Length > 0, "the critical sent once the maintenance ended");
        await _harness.SettleAsync();

        WebLines().ShouldHaveSingleItem().ShouldContain("Status=critical");
        _harness.LogLines().ShouldNotContain(l => l.Contains("_node_maintenance", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ServiceMaintenance_ItsCheckFailsDuringIt_NothingSentThenOneCriticalWhenItEnds()
    {
        await _harness.Consul.SetServiceMaintenanceAsync("web", true);
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");
        await WaitUntilMutedAsync($"{_harness.Node}/web/web-ttl");
        await _harness.SettleAsync();
        WebLines().ShouldBeEmpty();

        await _harness.Consul.SetServiceMaintenanceAsync("web", false);
        await _harness.WaitUntilAsync(() => WebLines().Length > 0, "the critical sent once the maintenance ended");
        await _harness.SettleAsync();

        WebLines().ShouldHaveSingleItem().ShouldContain("Status=critical");
    }

    [SkippableFact]
    public async Task SerfHealthCritical_FiftyChecksFailing_OneNodeDownAlertThenTheThreeStillFailingOnRecovery()
    {
        const string Node = "edge-1";
        var checks = Enumerable.Range(0, 50).Select(i => $"disk-{i:00}").ToList();
        await _harness.Consul.RegisterNodeChecksAsync(Node, [("serfHealth", "critical", "Agent not live or unreachable"), .. checks.Select(c => (c, "critical", "no answer"))]);
        await _harness.WaitUntilAsync(() => NodeLines(Node).Length > 0, "the node-down alert");
        await _harness.SettleAsync();

        var down = NodeLines(Node).ShouldHaveSingleItem();
        down.ShouldContain("Check=serfHealth check, Status=critical");

        await _harness.Consul.RegisterNodeChecksAsync(
            Node, [("serfHealth", "passing", "Agent alive and reachable"), .. checks.Select((c, i) => (c, i < 3 ? "critical" : "passing", "ok"))]);
        await _harness.WaitUntilAsync(() => NodeLines(Node).Length >= 5, "the node's recovery and the three checks still failing");
        await _harness.SettleAsync();

        var after = NodeLines(Node).Skip(1).ToList();
        after.Count.ShouldBe(4, string.Join('\n', after));
        after.Count(l => l.Contains("Check=serfHealth check, Status=passing", StringComparison.Ordinal)).ShouldBe(1);
        after.Where(l => !l.Contains("serfHealth", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("Check=", StringComparison.Ordinal) + 6)..l.IndexOf(" check,", StringComparison.Ordinal)])
            .ShouldBe(["disk-00", "disk-01", "disk-02"], ignoreOrder: true);
        after.Where(l => !l.Contains("serfHealth", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains("Status=critical", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SilenceAddedByCli_MutesAFailingCheck_ExpiringItSendsItOnce()
    {
        var id = (await CliAsync("silence", "add", "check=web-ttl", "--comment=deploy of web", "--author=ops", "--duration=1h")).Trim();
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");
        await WaitUntilMutedAsync($"{_harness.Node}/web/web-ttl");
        await _harness.SettleAsync();
        WebLines().ShouldBeEmpty();
        (await CliAsync("silence", "list")).ShouldContain(id);

        (await CliAsync("silence", "expire", id)).ShouldContain(id);
        await _harness.WaitUntilAsync(() => WebLines().Length > 0, "the critical sent once the silence expired");
        await _harness.SettleAsync();

        WebLines().ShouldHaveSingleItem().ShouldContain("Status=critical");
    }

    private async Task<string> CliAsync(params string[] args)
    {
        using var cli = new DaemonProcess([.. args, $"--alert-addr=127.0.0.1:{_harness.AlertPort}"]);
        (await cli.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, cli.Output);
        return cli.Stdout;
    }

    private string[] WebLines() => [.. _harness.LogLines().Where(l => l.Contains("Check=web-ttl check", StringComparison.Ordinal))];

    private string[] NodeLines(string node) => [.. _harness.LogLines().Where(l => l.Contains($"Node={node},", StringComparison.Ordinal))];

    private Task WaitUntilMutedAsync(string stateKey) =>
        _harness.WaitUntilAsync(
            async () => await _harness.Consul.GetRawAsync("consul-alerts/checks/" + stateKey) is { } json && json.Contains("\"Notified\":\"passing\"", StringComparison.Ordinal),
            "the muted change stored with what the notifiers last heard");
}
