using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Tests.Notifications.Testing;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Two real daemons against one agent (see the subclasses: the dev agent and a real one), with an event handler script that appends its stdin to a file: every event
/// fired after the first start is handled exactly once, across a clean restart and a kill of the leader, and none
/// fired before the first start is handled.
/// </summary>
public abstract class EventHandlingScenarios(ConsulKind kind, ITestOutputHelper output)
{
    private const string HandledKey = "consul-alerts/events/handled";

    [SkippableFact]
    public async Task TwoDaemons_LeaderRestartedAndKilledBetweenEvents_EveryNewEventHandledExactlyOnce()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Consul = kind,
            Daemons = 2,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        using var temp = new TempDirectory();
        var received = Path.Combine(temp.Path, "received.jsonl");
        var handler = temp.Script("handler.sh", $"line=$(cat)\necho \"$line\" >> '{received}'");
        await cluster.Consul.PutAsync("consul-alerts/config/events/handlers", JsonSerializer.Serialize(new[] { handler }));
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = cluster.Agent.Address.ToString() });
        List<string> fired = [];
        var sequence = 0;

        async Task FireAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var e = await consul.Events.FireAsync("deploy", Encoding.UTF8.GetBytes($"build-{++sequence}"));
                fired.Add(e.Id);
                cluster.Record($"fired event {sequence} ({e.Id})");
            }
        }

        string[] Handled() =>
            File.Exists(received)
                ? [.. File.ReadAllLines(received).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ID").GetString()!)]
                : [];

        // Before any daemon ever ran: these must never run.
        var old = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            old.Add((await consul.Events.FireAsync("before-start")).Id);
        }

        await cluster.StartAllAsync();
        await cluster.WaitUntilAsync(() => cluster.Consul.KeyExistsAsync(HandledKey), "the first leader recording the buffered events");

        await FireAsync(3);
        await cluster.WaitUntilAsync(() => Handled().Length >= 3, "the first three events handled");

        // A clean restart of the leader; events fired while the standby takes over.
        int leader = await cluster.WaitForLeaderAsync();
        (await cluster.TerminateAsync(leader)).ShouldBe(0);
        await FireAsync(2);
        await cluster.WaitForLeaderAsync(what: "the standby leading after SIGTERM");
        await cluster.StartAsync(leader);
        await cluster.WaitUntilAsync(() => Handled().Length >= 5, "the events fired during the restart handled");

        // A kill of the leader; events fired while nobody leads, then after the new leader is in place.
        leader = await cluster.WaitForLeaderAsync();
        await cluster.KillAsync(leader);
        await FireAsync(2);
        await cluster.WaitForLeaderAsync(what: "the standby leading after SIGKILL");
        await cluster.StartAsync(leader);
        await cluster.WaitForLeaderAsync();
        await FireAsync(2);
        await cluster.WaitUntilAsync(() => Handled().Length >= fired.Count, "every fired event handled");

        // Events are handled in the order they were fired: once a later one is handled, a duplicate would have come first.
        var barrier = (await consul.Events.FireAsync("settle")).Id;
        await cluster.WaitUntilAsync(() => Handled().Contains(barrier), "the barrier event handled");
        var handled = Handled().Where(id => id != barrier).ToArray();
        string context = $"fired {string.Join(", ", fired)}\nhandled {string.Join(", ", handled)}\n{await cluster.DescribeAsync()}";
        string.Join(", ", handled).ShouldBe(string.Join(", ", fired), context);
        handled.ShouldNotContain(id => old.Contains(id), context);
        output.WriteLine($"{fired.Count} events handled exactly once; test took {watch.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        output.WriteLine(cluster.Timeline());
    }
}
