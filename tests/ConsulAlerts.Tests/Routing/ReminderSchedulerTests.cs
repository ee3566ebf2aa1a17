using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Routing.Testing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Routing;

public sealed class ReminderSchedulerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task SetAsync_NonPassingCheck_RepeatsEveryIntervalToTheMinute(int minutes)
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(minutes));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        harness.Recorder.Messages.Count.ShouldBe(1);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1));
        harness.Recorder.Messages.Count.ShouldBe(1);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        harness.Recorder.Messages.Count.ShouldBe(2);
        harness.Recorder.Messages[1].RmdCheck.ShouldBe(RoutingHarness.Start.AddMinutes(minutes));

        for (var i = 0; i < 3; i++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(minutes));
        }

        harness.Recorder.Messages.Count.ShouldBe(5);
        harness.Recorder.Messages.Skip(1).Select(m => m.RmdCheck)
            .ShouldBe(Enumerable.Range(1, 4).Select(i => RoutingHarness.Start.AddMinutes(i * minutes)));
        harness.Recorder.Messages.ShouldAllBe(m => m.Status == "critical" && m.Timestamp == RoutingHarness.Start);
    }

    [Fact]
    public async Task Firing_LiveCheckOutputChanged_SendsTheCurrentOutputAndStoresIt()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(output: "disk 91% full"), CheckStatus.Warning);
        harness.Checks.Set("node1", "service:web-1", CheckStatus.Warning, "disk 97% full");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        var reminder = harness.Recorder.Messages[^1];
        reminder.Output.ShouldBe("disk 97% full");
        reminder.Status.ShouldBe("warning");
        var stored = harness.Store.Stored["consul-alerts/reminders/node1/service:web-1"];
        stored.Output.ShouldBe("disk 97% full");
        stored.RmdCheck.ShouldBe(RoutingHarness.Start.AddMinutes(5));
    }

    [Fact]
    public async Task Firing_CheckPassedMeanwhile_StopsWithoutSending()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Recorder.Messages.Count.ShouldBe(2);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Passing, previous: CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));

        harness.Recorder.Messages.Select(m => m.Status).ShouldBe(["critical", "critical", "passing"]);
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_LiveViewShowsPassing_DeletesInsteadOfSending()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        harness.Checks.Set("node1", "service:web-1", CheckStatus.Passing, "ok");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Recorder.Messages.Count.ShouldBe(1);
        harness.Reminders.Reminders.ShouldBeEmpty();
        harness.Store.Stored.ShouldBeEmpty();
    }

    [Fact]
    public async Task Firing_CheckBlacklistedSince_DeletesInsteadOfSending()
    {
        var config = WithDefaultInterval(5);
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Recorder.Messages.Count.ShouldBe(2);

        harness.Config.Publish(config with
        {
            Blacklist = new BlacklistConfig { Nodes = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "node1" } } },
        });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Recorder.Messages.Count.ShouldBe(2);
        harness.Reminders.Reminders.ShouldBeEmpty();
        harness.Store.Stored.ShouldBeEmpty();
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_LocalDatacenterBlacklistedSince_DeletesInsteadOfSending()
    {
        var config = WithDefaultInterval(5);
        await using var harness = new RoutingHarness(config, local: new LocalDatacenter("east"));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Recorder.Messages.Count.ShouldBe(2);

        // A check of the agent's own datacenter carries no name; an entry naming that datacenter still mutes it.
        harness.Config.Publish(config with
        {
            Blacklist = new BlacklistConfig { Datacenters = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "east" } } },
        });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Recorder.Messages.Count.ShouldBe(2);
        harness.Reminders.Reminders.ShouldBeEmpty();
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_ServiceTagBlacklistedSince_DeletesInsteadOfSending()
    {
        var config = WithDefaultInterval(5);
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check() with { ServiceTags = ["v1", "canary"] }, CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Recorder.Messages.Count.ShouldBe(2);
        harness.Recorder.Messages[1].ServiceTags.ShouldBe(["v1", "canary"]);

        harness.Config.Publish(config with
        {
            Blacklist = new BlacklistConfig { ServiceTags = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "canary" } } },
        });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Recorder.Messages.Count.ShouldBe(2);
        harness.Reminders.Reminders.ShouldBeEmpty();
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_CheckVanished_NeverFiresAgain()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(1));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        harness.Vanish(RoutingHarness.Check());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));

        harness.Recorder.Messages.Count.ShouldBe(1);
        harness.Store.Stored.ShouldBeEmpty();
    }

    [Fact]
    public async Task Firing_WritesKvOnlyWhenCreatedResentOrDeleted()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        var store = harness.Store;
        await harness.Reminders.StartAsync(CancellationToken.None);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        store.Writes.ShouldBe(1);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4));
        store.Writes.ShouldBe(1);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        store.Writes.ShouldBe(2);
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Passing, previous: CheckStatus.Critical);
        store.Writes.ShouldBe(3);
        await harness.TransitionAsync(RoutingHarness.Check(checkId: "never-had-one"), CheckStatus.Passing, previous: CheckStatus.Critical);
        store.Writes.ShouldBe(3);
    }

    [Fact]
    public async Task StartAsync_StoredReminders_ContinueFromTheirRmdCheck()
    {
        var store = new InMemoryReminderStore();
        var time = new TrackedTimeProvider(RoutingHarness.Start);
        store.Stored["consul-alerts/reminders/node1/due-later"] = Reminder("due-later", 7, RoutingHarness.Start.AddMinutes(-3));
        store.Stored["consul-alerts/reminders/node1/overdue"] = Reminder("overdue", 5, RoutingHarness.Start.AddHours(-2));
        await using var harness = new RoutingHarness(AlertsConfig.Default, store, time);

        await harness.Reminders.StartAsync(CancellationToken.None);
        await harness.AdvanceAsync(TimeSpan.Zero);

        harness.Recorder.Messages.Select(m => m.CheckId).ShouldBe(["overdue"]);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        harness.Recorder.Messages.Count.ShouldBe(1);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        harness.Recorder.Messages.Select(m => m.CheckId).ShouldBe(["overdue", "due-later"]);
    }

    [Fact]
    public async Task StartAsync_OldLayoutKey_MovesItToNodeAndCheck()
    {
        var store = new InMemoryReminderStore();
        store.Stored["consul-alerts/reminders/node1"] = Reminder("serfHealth", 5, RoutingHarness.Start);
        await using var harness = new RoutingHarness(AlertsConfig.Default, store);

        await harness.Reminders.StartAsync(CancellationToken.None);

        store.Stored.Keys.ShouldBe(["consul-alerts/reminders/node1/serfHealth"]);
        harness.Reminders.Reminders.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Stop_LeadershipLost_DisarmsEveryReminder()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(1));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        harness.Reminders.Stop();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Recorder.Messages.Count.ShouldBe(1);
        harness.Store.Stored.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Firing_TermEndsBeforeItsRecordCommits_NextLeaderReadsTheReminderUnadvancedAndSendsItOnce()
    {
        await using var p = await LeaderPipeline.StartAsync(LeaderPipeline.Threshold(30) with { Profiles = WithDefaultInterval(1).Profiles });
        var first = await p.TakeLockAsync();
        await p.BeginTermAsync(first);
        var check = RoutingHarness.Check(node: "n1", serviceId: "", checkId: "web");
        var decidedAt = p.Time.GetUtcNow();
        p.Router.Accept(new CheckDecisions(
            [],
            [new DecidedChange(new CheckTransition(check, CheckStatus.Passing, CheckStatus.Critical, decidedAt), new CheckStateChange("n1/_/web", new CheckState { Current = CheckStatus.Critical, CurrentTimestamp = decidedAt, HealthCheck = check }))],
            []));
        await p.SettleAsync();
        (await StoredReminderAsync(p)).RmdCheck.ShouldBe(decidedAt);

        // The firing's record (outbox entry, commit and the advanced reminder) never commits, and the term ends.
        p.Faults.FailWhen = (path, body) => path == "/v1/txn" && body.Contains("/reminders/", StringComparison.Ordinal);
        p.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.ShouldHoldAsync(() => p.Faults.Failed >= 1, "the firing's record failed");
        first.End("the leader died");
        p.Reminders.Stop();
        await p.Writer.FlushAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        p.Faults.FailWhen = null;
        (await StoredReminderAsync(p)).RmdCheck.ShouldBe(decidedAt, "a reminder advances only with the record of its delivery");
        (await p.KeysAsync(p.Layout.Outbox)).ShouldBeEmpty();

        (await p.Client.Kv.PutAsync(LeaderPipeline.LockKey, ReadOnlyMemory<byte>.Empty, new ConsulAlerts.Consul.Kv.KvPutOptions { Release = first.SessionId })).ShouldBeTrue();
        var second = await p.TakeLockAsync("second", number: 2);
        await p.BeginTermAsync(second);
        p.Time.Advance(TimeSpan.Zero);
        await p.SettleAsync();

        p.Sent.Select(m => m.RmdCheck).ShouldBe([decidedAt, decidedAt.AddMinutes(1)]);
        (await StoredReminderAsync(p)).RmdCheck.ShouldBe(decidedAt.AddMinutes(1));
        (await p.KeysAsync(p.Layout.Outbox)).ShouldBeEmpty();
    }

    private static async Task<Message> StoredReminderAsync(LeaderPipeline p) =>
        System.Text.Json.JsonSerializer.Deserialize(
            (await p.Client.Kv.GetAsync(p.Layout.Reminder("n1", "web"))).Value.ShouldNotBeNull().Value!,
            NotificationsJsonContext.Default.Message)!;

    private static AlertsConfig WithDefaultInterval(int minutes) => new()
    {
        Profiles = new Dictionary<string, ProfileConfig>(StringComparer.Ordinal)
        {
            ["default"] = new("default") { Interval = TimeSpan.FromMinutes(minutes) },
        },
    };

    private static Message Reminder(string checkId, int interval, DateTimeOffset rmdCheck) =>
        Messages.Critical(checkId: checkId) with { Interval = interval, RmdCheck = rmdCheck };
}
