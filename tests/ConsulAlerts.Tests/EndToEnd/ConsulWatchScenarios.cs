using System.Text.Json;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Metrics;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// <c>consul watch</c> compatibility: the real Consul binary's watches run our <c>watch checks</c> and <c>watch event</c>
/// handlers against an agent (see the subclasses), and the daemon takes their payloads: each wakes it to re-read
/// Consul, and what it then finds is handled once.
/// </summary>
public abstract class ConsulWatchScenarios(ConsulKind kind)
{
    [SkippableFact]
    public async Task ConsulWatch_ChecksAndEventHandlers_ReachTheDaemonWhichHandlesWhatItFinds()
    {
        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        await using var harness = await EngineHarness.StartAsync(kind);
        using var temp = new TempDirectory();
        var handled = Path.Combine(temp.Path, "handled.jsonl");
        var eventHandler = temp.Script("event-handler.sh", $"cat >> '{handled}'\necho >> '{handled}'");
        await harness.PutAsync("consul-alerts/config/events/handlers", JsonSerializer.Serialize(new[] { eventHandler }));
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.StartDaemonAsync("web", "web-ttl");
        await harness.WaitUntilAsync(async () => await harness.StatusAsync() is { IsLeader: true }, "the daemon to lead");
        var healthReadsBefore = await HealthReadsAsync(harness);

        using var checksWatch = new ConsulWatchProcess(harness.Agent.Address, ["-type", "checks"], Handler(temp, harness, "checks"));
        using var eventWatch = new ConsulWatchProcess(harness.Agent.Address, ["-type", "event", "-name", "deploy"], Handler(temp, harness, "event"));
        string Watches() => $"checks watch:\n{checksWatch.Output}\nevent watch:\n{eventWatch.Output}\n{harness.Daemon.Output}";

        // consul watch calls its handler at once with the current state; the daemon answers and re-reads health.
        await harness.WaitUntilAsync(() => Exits(temp, "checks").Length >= 1 && Exits(temp, "event").Length >= 1, "the first handler calls");
        await harness.WaitUntilAsync(async () => await HealthReadsAsync(harness) > healthReadsBefore, "the daemon to re-read health on the payload");
        Payloads(temp, "checks")[0].ShouldContain("\"CheckID\":\"web-ttl\"");

        await harness.SetCheckAsync("web-ttl", "fail", "watched");
        var fired = await harness.Consul.FireEventAsync("deploy", "build-7");
        await harness.WaitUntilAsync(
            () => harness.LogLines().Length == 1 && File.Exists(handled) && File.ReadAllText(handled).Contains(fired, StringComparison.Ordinal),
            "the critical notification and the handled event");
        await harness.WaitUntilAsync(
            () => Payloads(temp, "checks").Any(p => p.Contains("\"Status\":\"critical\"", StringComparison.Ordinal))
                && Payloads(temp, "event").Any(p => p.Contains(fired, StringComparison.Ordinal)),
            "consul watch to pass on the change and the event");
        // Proof that all is done: a check flipped after it has been notified, and an event fired after it has been
        // handled; a duplicate of either would have come first.
        await harness.SettleAsync();
        var barrier = await harness.Consul.FireEventAsync("settle", "barrier");
        await harness.WaitUntilAsync(() => File.ReadAllText(handled).Contains(barrier, StringComparison.Ordinal), "the barrier event handled");

        string context = Watches();
        Exits(temp, "checks").ShouldAllBe(code => code == "0", context);
        Exits(temp, "event").ShouldAllBe(code => code == "0", context);
        checksWatch.IsRunning.ShouldBeTrue(context);
        eventWatch.IsRunning.ShouldBeTrue(context);
        harness.LogLines().ShouldHaveSingleItem().ShouldContain("Check=web-ttl check, Status=critical");
        File.ReadAllLines(handled).Count(l => l.Contains(fired, StringComparison.Ordinal)).ShouldBe(1, context);
    }

    /// <summary>A handler script: keeps the payload, runs <c>consul-alerts watch</c> on it, keeps its exit code and returns it.</summary>
    private static string Handler(TempDirectory temp, EngineHarness harness, string type)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var daemon = Path.Combine(AppContext.BaseDirectory, "consul-alerts.dll");
        return temp.Script($"watch-{type}.sh", $"""
            payload=$(cat)
            printf '%s\n' "$payload" >> '{temp.Path}/{type}.payloads'
            printf '%s' "$payload" | '{dotnet}' '{daemon}' watch {type} --alert-addr=127.0.0.1:{harness.AlertPort}
            code=$?
            echo $code >> '{temp.Path}/{type}.exits'
            exit $code
            """);
    }

    private static string[] Exits(TempDirectory temp, string type) => Lines(Path.Combine(temp.Path, type + ".exits"));

    private static string[] Payloads(TempDirectory temp, string type) => Lines(Path.Combine(temp.Path, type + ".payloads"));

    private static string[] Lines(string path) => File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0)] : [];

    /// <summary>How many times the daemon has read <c>/v1/health/state/*</c>, from its <c>/metrics</c>.</summary>
    private static async Task<double> HealthReadsAsync(EngineHarness harness)
    {
        using var client = TestNetwork.NewClient();
        var metrics = await Exposition.ScrapeAsync(client, new Uri($"http://127.0.0.1:{harness.AlertPort}/metrics"));
        return metrics.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/health/state/*"));
    }
}
