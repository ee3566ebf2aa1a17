using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Notifications.Testing;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// A storm against the real daemon (see the subclasses: the dev agent and a real one): a node's 300 checks fail within
/// a second, in four steps of 75 (each one catalog registration, so the storm takes as long on a real agent as on the
/// dev agent), the tracker decides them in several steps and records them in several batches, and with
/// <c>checks/group-wait</c> 5s each notifier still sends them as one message: one Slack post (to a loopback receiver)
/// and one email (to aiosmtpd) naming all 300. The wait is longer than the default 2 s, inside which an idle machine
/// records every batch, so that a test machine loaded by the suites running beside this one, whose transactions take
/// longer, still groups the storm.
/// </summary>
public abstract class StormGroupingScenarios(ConsulKind kind, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Storm = 300;
    private const string Config = "consul-alerts/config/";
    private const string Node = "storm-node";
    private const int Steps = 4;

    private EngineHarness _harness = null!;
    private LoopbackReceiver _slack = null!;
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync(kind);
        _slack = await LoopbackReceiver.StartAsync();
        _smtp = await SmtpTestServer.StartAsync();
        await _harness.PutAsync(Config + "checks/change-threshold", "1");
        await _harness.PutAsync(Config + "checks/group-wait", "5s");
        // The storm is the checks this test registers; Consul's own health checks would be counted with them.
        await _harness.PutAsync(Config + "checks/consul-health/enabled", "false");
        await _harness.PutAsync(Config + "notifiers/slack/enabled", "true");
        await _harness.PutAsync(Config + "notifiers/slack/url", _slack.Url("/slack"));
        await _harness.PutAsync(Config + "notifiers/email/enabled", "true");
        await _harness.PutAsync(Config + "notifiers/email/url", _smtp.Address);
        await _harness.PutAsync(Config + "notifiers/email/port", _smtp.Port.ToString(CultureInfo.InvariantCulture));
        await _harness.PutAsync(Config + "notifiers/email/sender-email", "consul-alerts@example.com");
        await _harness.PutAsync(Config + "notifiers/email/receivers", """["ops@example.com"]""");
        await FailAsync(0);
        await _harness.StartDaemonOnlyAsync();
        await _harness.WaitUntilAsync(async () => await TrackedAsync() == await InConsulAsync(), $"the daemon to track all {Storm} checks");
    }

    public async Task DisposeAsync()
    {
        // A skipped test (no real agent) never got a harness.
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task ChecksFailWithinOneSecond_GroupWaitFiveSeconds_OneSlackPostAndOneEmailWithAllOfThem()
    {
        var burst = Stopwatch.StartNew();
        for (var step = 1; step <= Steps; step++)
        {
            await FailAsync(Storm / Steps * step);
            if (step < Steps)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }

        output.WriteLine($"{Storm} checks failed in {burst.ElapsedMilliseconds} ms");

        await _harness.WaitUntilAsync(
            () => Covered(StormPosts().Select(p => p.Body)) == Storm && Covered(StormMails()) == Storm && _harness.LogLines().Length >= Storm,
            $"all {Storm} checks in Slack, email and the log",
            TimeSpan.FromSeconds(90));
        output.WriteLine($"delivered {burst.ElapsedMilliseconds} ms after the first failure");
        await _harness.SettleAsync(); // anything more about the storm would have arrived by now

        var post = StormPosts().ShouldHaveSingleItem();
        Covered([post.Body]).ShouldBe(Storm);
        post.Json().GetProperty("text").GetString().ShouldStartWith($"Consul Alerts is CRITICAL.\n\nFail: {Storm}, Warn: 0, Pass: 0\n");
        var mail = StormMails().ShouldHaveSingleItem();
        Covered([mail]).ShouldBe(Storm);
        _smtp.Mails.Single(m => m.Body.Contains(Name(0), StringComparison.Ordinal)).Header("Subject").ShouldBe("Consul Alerts is CRITICAL");
        _harness.LogLines().Length.ShouldBe(Storm);
    }

    /// <summary>Registers the node with its checks, the first <paramref name="failing"/> critical, the others passing.</summary>
    private Task FailAsync(int failing) =>
        _harness.Consul.RegisterNodeChecksAsync(Node, Enumerable.Range(0, Storm).Select(i => (Id(i), i < failing ? "critical" : "passing", i < failing ? "down" : "up")));

    private static string Id(int i) => "storm-" + i.ToString("000", CultureInfo.InvariantCulture);

    private static string Name(int i) => AgentClient.CheckName(Id(i));

    /// <summary>How many of the storm's checks the texts name.</summary>
    private static int Covered(IEnumerable<string> texts)
    {
        var all = string.Join("\n", texts);
        return Enumerable.Range(0, Storm).Count(i => all.Contains(Name(i), StringComparison.Ordinal));
    }

    private List<ReceivedRequest> StormPosts() =>
        [.. _slack.Requests.Where(r => r.PathAndQuery == "/slack" && r.Body.Contains("storm-", StringComparison.Ordinal))];

    private List<string> StormMails() => [.. _smtp.Mails.Select(m => m.Body).Where(b => b.Contains("storm-", StringComparison.Ordinal))];

    /// <summary>The checks the agent holds (the storm's and the agent's own).</summary>
    private async Task<int> InConsulAsync()
    {
        using var client = TestNetwork.NewClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(_harness.Agent.Address, "v1/health/state/any")));

        // The daemon's own leader check is not one it tracks.
        return json.RootElement.EnumerateArray().Count(c => !LeaderLeaseCheck.IsLeaderCheck(c.GetProperty("CheckID").GetString() ?? ""));
    }

    private async Task<int> TrackedAsync()
    {
        if (await _harness.StatusAsync() is not { } status)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(status.Json);
        return json.RootElement.GetProperty("checks").GetProperty("tracked").GetInt32();
    }
}
