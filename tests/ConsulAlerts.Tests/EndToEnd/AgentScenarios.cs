using System.Diagnostics;
using System.Net;
using System.Text;
using ConsulAlerts.Cli;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The daemon process against an agent (see the subclasses: the dev agent and a real one) in the situations an agent
/// puts it in: maintenance mode, configuration moved in and out, no cluster leader at start, and the agent restarted
/// under it (a dev-mode agent comes back empty, with every index lower than before).
/// </summary>
public abstract class AgentScenarios(ConsulKind kind)
{
    [SkippableFact]
    public async Task Maintenance_NodeAndServiceWithMaintenanceMutesOff_ShownCriticalNeverNotifiedAndOtherChecksSentAsGoDid()
    {
        await using var harness = await EngineHarness.StartAsync(kind);
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.PutAsync("consul-alerts/config/checks/maintenance-mutes", "false");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.StartDaemonAsync("web", "web-ttl");

        await harness.Consul.SetNodeMaintenanceAsync(true, "kernel upgrade");
        await harness.Consul.SetServiceMaintenanceAsync("web", true);
        await harness.WaitUntilTrackedAsync("_", "_node_maintenance", HttpStatusCode.ServiceUnavailable, "critical");
        await harness.WaitUntilTrackedAsync("web", "_service_maintenance:web", HttpStatusCode.ServiceUnavailable, "critical");
        // A real failure after them is notified (maintenance mutes nothing here): what proves the maintenance checks had
        // their chance to be.
        await harness.SetCheckAsync("web-ttl", "fail", "down for maintenance");
        await harness.WaitUntilAsync(() => harness.LogLines().Length > 0, "the web-ttl notification");
        await harness.Consul.SetNodeMaintenanceAsync(false);
        await harness.Consul.SetServiceMaintenanceAsync("web", false);
        using var api = TestNetwork.NewClient();
        await harness.WaitUntilAsync(
            async () => await harness.HealthCodeAsync(api, "_", "_node_maintenance") == HttpStatusCode.NotFound
                && await harness.HealthCodeAsync(api, "web", "_service_maintenance:web") == HttpStatusCode.NotFound,
            "the maintenance checks to be forgotten once maintenance ends");
        await harness.SettleAsync(); // a duplicate or a wrongly sent notification would have arrived by now

        var line = harness.LogLines().ShouldHaveSingleItem();
        line.ShouldContain("Check=web-ttl check, Status=critical");
    }

    [SkippableFact]
    public async Task ConfigImportThenExport_ExampleFile_RoundTrips()
    {
        await using var harness = EngineHarness.Over(await ConsulUnderTest.StartAsync(kind));
        string example = RepositoryRoot.File("config", "consul-kv.json");
        var expected = ConfigFileContents.Load(example).Entries;
        using var import = new CliHarness();

        int imported = await import.RunAsync("config", "import", example, $"--consul-addr=127.0.0.1:{harness.Agent.Port}");

        imported.ShouldBe(ExitCodes.Success, import.Stderr);
        import.Stdout.ShouldContain($"imported {expected.Count} keys");
        using var export = new CliHarness();
        (await export.RunAsync("config", "export", $"--consul-addr=127.0.0.1:{harness.Agent.Port}")).ShouldBe(ExitCodes.Success, export.Stderr);
        var exported = ConfigFileContents.Check(export.Stdout);
        exported.Problems.ShouldBeEmpty();
        Describe(exported.Entries).ShouldBe(Describe(expected.OrderBy(e => e.Key, StringComparer.Ordinal)));
    }

    [SkippableFact]
    public async Task DaemonStarted_WhileAgentHasNoLeader_WaitsThenWorksOnceOneIsElected()
    {
        await using var harness = EngineHarness.Over(await ConsulUnderTest.StartWithoutLeaderAsync(kind));

        await harness.StartDaemonOnlyAsync();
        var sinceStart = Stopwatch.StartNew();
        while (sinceStart.Elapsed < TimeSpan.FromSeconds(5))
        {
            harness.Daemon.Exited.IsCompleted.ShouldBeFalse($"the daemon must outlive a leaderless Consul\n{harness.Daemon.Output}");
            (await harness.StatusAsync())?.IsLeader.ShouldBeFalse("nobody can hold a lock without a cluster leader");
            await Task.Delay(500);
        }

        await harness.Agent.ElectLeaderAsync();
        await harness.SeedConfigAsync();
        // Two real servers have no failure tolerance, which consul-servers would rightly report: not this test's subject
        // (switched off before the threshold is lowered, so that it can never be notified).
        await harness.PutAsync("consul-alerts/config/checks/consul-health/enabled", "false");
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.WaitUntilTrackedAsync("web", "web-ttl", HttpStatusCode.OK, "passing");
        await harness.WaitUntilAsync(async () => await harness.StatusAsync() is { IsLeader: true }, "the daemon to lead once Consul has a leader");
        await harness.SetCheckAsync("web-ttl", "fail");
        await harness.WaitUntilAsync(() => harness.LogLines().Length > 0, "the critical notification");
        await harness.SettleAsync(); // a duplicate or a wrongly sent notification would have arrived by now

        harness.LogLines().ShouldHaveSingleItem().ShouldContain("Check=web-ttl check, Status=critical");
    }

    [SkippableFact]
    public async Task AgentRestarted_UnderRunningDaemon_DaemonRereadsAndNeitherCrashesNorResends()
    {
        await using var harness = await EngineHarness.StartAsync(kind);
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.StartDaemonAsync("web", "web-ttl");
        await harness.WaitUntilAsync(async () => await harness.StatusAsync() is { IsLeader: true }, "the daemon to lead");
        string firstSession = (await harness.StatusAsync())!.SessionId!;
        await harness.SetCheckAsync("web-ttl", "fail");
        await harness.WaitUntilAsync(() => harness.LogLines().Length == 1, "the critical notification");
        await harness.SetCheckAsync("web-ttl", "pass");
        await harness.WaitUntilAsync(() => harness.LogLines().Length == 2, "the passing notification");

        // Dev mode keeps nothing: configuration, state, outbox, lock and registrations are gone, every index starts over.
        await harness.Agent.RestartAsync();
        await harness.SeedConfigAsync();
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.RegisterTtlCheckAsync("db", "db-ttl");
        await harness.WaitUntilTrackedAsync("db", "db-ttl", HttpStatusCode.OK, "passing (read after the restart)");
        await harness.WaitUntilAsync(
            async () => await harness.StatusAsync() is { IsLeader: true } status && status.SessionId != firstSession,
            "the daemon to lead again with a new session");
        await harness.SetCheckAsync("db-ttl", "fail");
        await harness.WaitUntilAsync(() => harness.LogLines().Length >= 3, "the db-ttl notification after the restart");
        await harness.SettleAsync(); // a duplicate or a wrongly sent notification would have arrived by now

        harness.Daemon.Exited.IsCompleted.ShouldBeFalse($"the daemon crashed\n{harness.Daemon.Output}");
        var lines = harness.LogLines();
        lines.Length.ShouldBe(3, $"nothing from before the restart may be sent again\n{string.Join('\n', lines)}\n{harness.Daemon.Output}");
        lines[2].ShouldContain("Check=db-ttl check, Status=critical");
    }

    private static List<string> Describe(IEnumerable<KvExportEntry> entries) =>
        [.. entries.Select(e => $"{e.Key}|{e.Flags}|{Encoding.UTF8.GetString(e.Value)}")];
}
