using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Routing;
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
        harness.Dispatcher.Messages.Count.ShouldBe(1);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1));
        harness.Dispatcher.Messages.Count.ShouldBe(1);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        harness.Dispatcher.Messages.Count.ShouldBe(2);
        harness.Dispatcher.Messages[1].RmdCheck.ShouldBe(RoutingHarness.Start.AddMinutes(minutes));

        for (var i = 0; i < 3; i++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(minutes));
        }

        harness.Dispatcher.Messages.Count.ShouldBe(5);
        harness.Dispatcher.Messages.Skip(1).Select(m => m.RmdCheck)
            .ShouldBe(Enumerable.Range(1, 4).Select(i => RoutingHarness.Start.AddMinutes(i * minutes)));
        harness.Dispatcher.Messages.ShouldAllBe(m => m.Status == "critical" && m.Timestamp == RoutingHarness.Start);
    }

    [Fact]
    public async Task Firing_LiveCheckOutputChanged_SendsTheCurrentOutputAndStoresIt()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(output: "disk 91% full"), CheckStatus.Warning);
        harness.Checks.Set("node1", "service:web-1", CheckStatus.Warning, "disk 97% full");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        var reminder = harness.Dispatcher.Messages[^1];
        reminder.Output.ShouldBe("disk 97% full");
        reminder.Status.ShouldBe("warning");
        var stored = ((InMemoryReminderStore)harness.Store).Stored["consul-alerts/reminders/node1/service:web-1"];
        stored.Output.ShouldBe("disk 97% full");
        stored.RmdCheck.ShouldBe(RoutingHarness.Start.AddMinutes(5));
    }

    [Fact]
    public async Task Firing_CheckPassedMeanwhile_StopsWithoutSending()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Dispatcher.Messages.Count.ShouldBe(2);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Passing, previous: CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));

        harness.Dispatcher.Messages.Select(m => m.Status).ShouldBe(["critical", "critical", "passing"]);
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_LiveViewShowsPassing_DeletesInsteadOfSending()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        harness.Checks.Set("node1", "service:web-1", CheckStatus.Passing, "ok");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Dispatcher.Messages.Count.ShouldBe(1);
        harness.Reminders.Reminders.ShouldBeEmpty();
        ((InMemoryReminderStore)harness.Store).Stored.ShouldBeEmpty();
    }

    [Fact]
    public async Task Firing_CheckBlacklistedSince_DeletesInsteadOfSending()
    {
        var config = WithDefaultInterval(5);
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Dispatcher.Messages.Count.ShouldBe(2);

        harness.Config.Publish(config with
        {
            Blacklist = new BlacklistConfig { Nodes = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "node1" } } },
        });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Dispatcher.Messages.Count.ShouldBe(2);
        harness.Reminders.Reminders.ShouldBeEmpty();
        ((InMemoryReminderStore)harness.Store).Stored.ShouldBeEmpty();
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Firing_CheckVanished_NeverFiresAgain()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(1));
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        await harness.Router.OnVanishedAsync([RoutingHarness.Check()], CancellationToken.None);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));

        harness.Dispatcher.Messages.Count.ShouldBe(1);
        ((InMemoryReminderStore)harness.Store).Stored.ShouldBeEmpty();
    }

    [Fact]
    public async Task Firing_WritesKvOnlyWhenCreatedResentOrDeleted()
    {
        await using var harness = new RoutingHarness(WithDefaultInterval(5));
        var store = (InMemoryReminderStore)harness.Store;
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

        harness.Dispatcher.Messages.Select(m => m.CheckId).ShouldBe(["overdue"]);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        harness.Dispatcher.Messages.Count.ShouldBe(1);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        harness.Dispatcher.Messages.Select(m => m.CheckId).ShouldBe(["overdue", "due-later"]);
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

        harness.Dispatcher.Messages.Count.ShouldBe(1);
        ((InMemoryReminderStore)harness.Store).Stored.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StartAsync_AfterRestart_ContinuesRemindersStoredInConsul()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });
        var options = new ConsulAlertsOptions { KvPrefix = "consul-alerts" };
        var time = new TrackedTimeProvider(RoutingHarness.Start);
        var config = WithDefaultInterval(7);

        await using (var first = new RoutingHarness(config, new ConsulReminderStore(consul, options, new FakeLogger<ConsulReminderStore>()), time))
        {
            await first.Reminders.StartAsync(CancellationToken.None);
            await first.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
            await first.AdvanceAsync(TimeSpan.FromMinutes(7));
            first.Dispatcher.Messages.Count.ShouldBe(2);
            await first.AdvanceAsync(TimeSpan.FromMinutes(3));
        }

        var pair = (await consul.Kv.GetAsync("consul-alerts/reminders/node1/service:web-1")).Value.ShouldNotBeNull();
        var json = System.Text.Encoding.UTF8.GetString(pair.Value.ShouldNotBeNull());
        json.ShouldContain("\"Interval\":7,\"RmdCheck\":\"2026-01-01T00:07:00Z\"");

        await using var second = new RoutingHarness(config, new ConsulReminderStore(consul, options, new FakeLogger<ConsulReminderStore>()), time);
        await second.Reminders.StartAsync(CancellationToken.None);
        await second.AdvanceAsync(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        second.Dispatcher.Messages.ShouldBeEmpty();

        await second.AdvanceAsync(TimeSpan.FromSeconds(1));
        second.Dispatcher.Messages.Single().RmdCheck.ShouldBe(RoutingHarness.Start.AddMinutes(14));

        await second.TransitionAsync(RoutingHarness.Check(), CheckStatus.Passing, previous: CheckStatus.Critical);
        (await consul.Kv.ListAsync("consul-alerts/reminders/")).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task Firing_AfterTheTermEnded_IsHandedOverWithTheEndedTerm()
    {
        var store = new InMemoryReminderStore();
        store.Stored["consul-alerts/reminders/node1/service:web-1"] = Reminder("service:web-1", 5, RoutingHarness.Start);
        await using var harness = new RoutingHarness(AlertsConfig.Default, store);
        using var term = new CancellationTokenSource();
        await harness.Reminders.StartAsync(term.Token);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        harness.Dispatcher.Tokens.ShouldHaveSingleItem().IsCancellationRequested.ShouldBeFalse();

        await term.CancelAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Dispatcher.Tokens.Count.ShouldBe(2);
        harness.Dispatcher.Tokens[1].IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task Firing_AfterTheTermEnded_NotifierIsNotCalled()
    {
        var time = new TrackedTimeProvider(RoutingHarness.Start);
        var config = new AlertsConfigStore();
        config.Publish(new AlertsConfig
        {
            Notifiers = NotifierConfig.Defaults.ToDictionary(n => n.Key, n => n.Value with { Enabled = n.Key == "log" }, StringComparer.Ordinal),
        });
        var store = new InMemoryReminderStore();
        store.Stored["consul-alerts/reminders/node1/service:web-1"] = Reminder("service:web-1", 5, RoutingHarness.Start);
        var notifier = new FakeNotifier("log");
        await using var dispatcher = new NotificationDispatcher([notifier], new NotificationStats(), new NotificationDispatcherOptions(), time, new FakeLogger<NotificationDispatcher>());
        await using var reminders = new ReminderScheduler(store, config, new FakeCheckView(), dispatcher, time, new FakeLogger<ReminderScheduler>());
        using var term = new CancellationTokenSource();
        await reminders.StartAsync(term.Token);

        time.Advance(TimeSpan.FromMinutes(5));
        await reminders.WhenIdleAsync();
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Count == 1, "the reminder is sent during the term");

        await term.CancelAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        await reminders.WhenIdleAsync();

        // The notifier's queue is in order: once a later delivery is done, the reminder before it has had its turn.
        await dispatcher.DispatchAsync([Messages.Critical(checkId: "probe")], config.Current, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.ShouldHoldAsync(() => notifier.Calls.Any(c => c.Messages.Single().CheckId == "probe"), "the later delivery is done");
        notifier.Calls.Select(c => c.Messages.Single().CheckId).ShouldBe(["service:web-1", "probe"]);
    }

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
