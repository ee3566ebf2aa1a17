using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Routing.Testing;

namespace ConsulAlerts.Tests.Routing;

public sealed class AlertRouterTests
{
    [Fact]
    public async Task Accept_Muted_IsStoredNotNotifiedLosesItsReminderAndIsCounted()
    {
        var profile = new ProfileConfig("default") { Interval = TimeSpan.FromMinutes(5) };
        await using var harness = new RoutingHarness(new AlertsConfig { Profiles = Profiles(profile) });
        var muted = RoutingHarness.Check(node: "node-m", serviceId: "db-1", checkId: "check-m");
        var other = RoutingHarness.Check(node: "node-ok", serviceId: "web-1", checkId: "check-ok");
        await harness.TransitionAsync(muted, CheckStatus.Warning);
        harness.Reminders.Reminders.Count.ShouldBe(1);
        var batches = harness.Recorder.Batches.Count;

        harness.Mute(new MuteReason(MuteKind.Silence, "s-1"), new CheckTransition(muted with { Status = "critical" }, "warning", "critical", RoutingHarness.Start));
        harness.Accept([new CheckTransition(other with { Status = "warning" }, "passing", "warning", RoutingHarness.Start)]);

        harness.Recorder.Batches.Count.ShouldBe(batches + 1);
        harness.Recorder.Batches[^1].Messages.Select(m => m.CheckId).ShouldBe(["check-ok"]);
        harness.Reminders.Reminders.Select(r => r.CheckId).ShouldBe(["check-ok"]);
        harness.Store.Stored.Keys.ShouldBe(["consul-alerts/reminders/node-ok/check-ok"]);
        harness.Recorder.States.ShouldContain(w => w.Key == "node-m/db-1/check-m" && w.State!.Notified == "warning");
        harness.Mutes.Snapshot().Single(m => m.Kind == MuteKind.Silence).Muted.ShouldBe(1);
    }

    [Theory]
    [InlineData("_node_maintenance", "")]
    [InlineData("_service_maintenance:web-1", "web-1")]
    public async Task Accept_MaintenanceCheck_IsNotNotified(string checkId, string serviceId)
    {
        await using var harness = new RoutingHarness();

        await harness.TransitionAsync(RoutingHarness.Check(checkId: checkId, serviceId: serviceId), CheckStatus.Critical);

        harness.Recorder.Batches.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("node-a", "web-1", "chk-1", "critical", "svc-exact")]
    [InlineData("node-a", "web-2", "chk-1", "critical", "svc-regex")]
    [InlineData("node-a", "db-1", "chk-1", "critical", "check-exact")]
    [InlineData("node-a", "db-1", "chk-2", "critical", "check-regex")]
    [InlineData("node-a", "db-1", "other", "critical", "host-exact")]
    [InlineData("node-b", "db-1", "other", "critical", "host-regex")]
    [InlineData("host-x", "db-1", "other", "critical", "status-exact")]
    [InlineData("host-x", "db-1", "other", "warning", "status-regex")]
    [InlineData("host-x", "", "other", "passing", "default")]
    public async Task Accept_Selection_UsesServiceThenCheckThenHostThenStatusThenDefault(
        string node, string serviceId, string checkId, string status, string expected)
    {
        var names = new[] { "svc-exact", "svc-regex", "check-exact", "check-regex", "host-exact", "host-regex", "status-exact", "status-regex", "default" };
        var config = new AlertsConfig
        {
            Profiles = Profiles(names.Select(n => new ProfileConfig(n) { NotifList = new Dictionary<string, bool> { [n] = true } }).ToArray()),
            Selection = new SelectionConfig
            {
                Services = Rules(("web-1", "svc-exact"), ("^web", "svc-regex")),
                Checks = Rules(("chk-1", "check-exact"), ("^chk", "check-regex")),
                Hosts = Rules(("node-a", "host-exact"), ("^node", "host-regex")),
                Status = Rules(("critical", "status-exact"), ("^warn", "status-regex")),
            },
        };
        await using var harness = new RoutingHarness(config);

        await harness.TransitionAsync(RoutingHarness.Check(node: node, serviceId: serviceId, checkId: checkId), status, previous: "");

        harness.Recorder.Messages.Single().NotifList.ShouldNotBeNull().Keys.ShouldBe([expected]);
    }

    [Theory]
    [InlineData("web-1", "canary", "svc-exact")]
    [InlineData("db-1", "canary", "tag-exact")]
    [InlineData("db-1", "v1,team-db", "tag-regex")]
    [InlineData("db-1", "v1", "check-exact")]
    [InlineData("", "", "check-exact")]
    public async Task Accept_Selection_ServiceTagsRightAfterTheServiceBeforeTheCheck(string serviceId, string tags, string expected)
    {
        var names = new[] { "svc-exact", "tag-exact", "tag-regex", "check-exact", "default" };
        var config = new AlertsConfig
        {
            Profiles = Profiles(names.Select(n => new ProfileConfig(n) { NotifList = new Dictionary<string, bool> { [n] = true } }).ToArray()),
            Selection = new SelectionConfig
            {
                Services = Rules(("web-1", "svc-exact")),
                ServiceTags = Rules(("canary", "tag-exact"), ("^team-", "tag-regex")),
                Checks = Rules(("chk-1", "check-exact")),
            },
        };
        await using var harness = new RoutingHarness(config);
        var check = RoutingHarness.Check(serviceId: serviceId, checkId: "chk-1") with { ServiceTags = tags.Length == 0 ? [] : tags.Split(',') };

        await harness.TransitionAsync(check, CheckStatus.Critical, previous: "");

        harness.Recorder.Messages.Single().NotifList.ShouldNotBeNull().Keys.ShouldBe([expected]);
    }

    [Fact]
    public async Task Accept_TaggedCheck_MessageCarriesTheServiceTags()
    {
        await using var harness = new RoutingHarness();

        await harness.TransitionAsync(RoutingHarness.Check() with { ServiceTags = ["v1", "blue"] }, CheckStatus.Critical);

        harness.Recorder.Messages.Single().ServiceTags.ShouldBe(["v1", "blue"]);
    }

    [Fact]
    public async Task Accept_Profile_AttachesNotifListIntervalAndVarOverrides()
    {
        var profile = new ProfileConfig("ops")
        {
            Interval = TimeSpan.FromMinutes(10),
            NotifList = new Dictionary<string, bool> { ["email"] = true, ["log"] = false },
            VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"ops@example.com\"]" },
            },
        };
        var config = new AlertsConfig
        {
            Profiles = Profiles(profile),
            Selection = new SelectionConfig { Services = Rules(("web-1", "ops")) },
        };
        await using var harness = new RoutingHarness(config);

        await harness.TransitionAsync(RoutingHarness.Check(output: "HTTP 500"), CheckStatus.Critical);

        var (messages, used) = harness.Recorder.Batches.Single();
        var message = messages.Single();
        message.NotifList.ShouldBeSameAs(profile.NotifList);
        message.VarOverrides.ShouldBeSameAs(profile.VarOverrides);
        message.Interval.ShouldBe(10);
        message.Output.ShouldBe("HTTP 500");
        message.RmdCheck.ShouldBe(RoutingHarness.Start);
        used.ShouldBeSameAs(config);
        harness.Reminders.Reminders.Single().ShouldBe(message);
    }

    [Fact]
    public async Task Accept_SelectedProfileMissing_FallsBackToDefault()
    {
        var config = new AlertsConfig
        {
            Profiles = Profiles(new ProfileConfig("default") { Interval = TimeSpan.FromMinutes(3), NotifList = new Dictionary<string, bool> { ["log"] = true } }),
            Selection = new SelectionConfig { Hosts = Rules(("node1", "ghost")) },
        };
        await using var harness = new RoutingHarness(config);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        var message = harness.Recorder.Messages.Single();
        message.Interval.ShouldBe(3);
        message.NotifList.ShouldNotBeNull().Keys.ShouldBe(["log"]);
        harness.RouterLog.Entries.ShouldContain(e => e.Message.Contains("ghost") && e.Message.Contains("default"));
    }

    [Fact]
    public async Task Accept_SelectedProfileMissingAndNoDefault_SendsWithoutProfileOrReminder()
    {
        var config = new AlertsConfig
        {
            Profiles = Profiles(new ProfileConfig("other") { Interval = TimeSpan.FromMinutes(3) }),
            Selection = new SelectionConfig { Hosts = Rules(("node1", "ghost")) },
        };
        await using var harness = new RoutingHarness(config);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        var message = harness.Recorder.Messages.Single();
        message.NotifList.ShouldBeNull();
        message.Interval.ShouldBe(0);
        harness.Reminders.Reminders.ShouldBeEmpty();
    }

    [Fact]
    public async Task Accept_NoProfileAtAll_GoesToEveryEnabledNotifier()
    {
        var notifiers = NotifierConfig.Defaults.ToDictionary(
            n => n.Key, n => n.Value with { Enabled = n.Key is "log" or "slack" }, StringComparer.Ordinal);
        var config = new AlertsConfig
        {
            Notifiers = notifiers,
            CustomNotifiers = new Dictionary<string, CustomNotifierConfig> { ["pager"] = new("pager", "/opt/pager.sh") },
        };
        await using var harness = new RoutingHarness(config);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        var (messages, used) = harness.Recorder.Batches.Single();
        messages.Single().NotifList.ShouldBeNull();
        NotifierSelection.Plan(messages, used).Deliveries.Select(d => d.Instance).ShouldBe(["log", "slack", "custom/pager"]);
        harness.Reminders.Reminders.ShouldBeEmpty();
    }

    [Fact]
    public async Task Accept_Passing_DeletesTheReminder()
    {
        var config = new AlertsConfig { Profiles = Profiles(new ProfileConfig("default") { Interval = TimeSpan.FromMinutes(5) }) };
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);
        harness.Store.Stored.Count.ShouldBe(1);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Passing, previous: CheckStatus.Critical);

        harness.Recorder.Messages.Select(m => m.Status).ShouldBe(["critical", "passing"]);
        harness.Reminders.Reminders.ShouldBeEmpty();
        harness.Store.Stored.ShouldBeEmpty();
        harness.Time.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public async Task Accept_NewStatusWhoseProfileHasNoInterval_DeletesTheOldReminder()
    {
        var config = new AlertsConfig
        {
            Profiles = Profiles(
                new ProfileConfig("default") { Interval = TimeSpan.FromMinutes(5) },
                new ProfileConfig("quiet") { Interval = TimeSpan.Zero }),
            Selection = new SelectionConfig { Status = Rules(("warning", "quiet")) },
        };
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Critical);

        await harness.TransitionAsync(RoutingHarness.Check(), CheckStatus.Warning, previous: CheckStatus.Critical);

        harness.Reminders.Reminders.ShouldBeEmpty();
    }

    [Fact]
    public async Task Accept_UsesOneSnapshotForTheWholeBatch()
    {
        var config = new AlertsConfig();
        await using var harness = new RoutingHarness(config);

        harness.Accept([
                new CheckTransition(RoutingHarness.Check(checkId: "a"), "passing", "critical", RoutingHarness.Start),
                new CheckTransition(RoutingHarness.Check(checkId: "b"), "passing", "warning", RoutingHarness.Start),
            ]);

        harness.Recorder.Batches.Single().Messages.Select(m => m.CheckId).ShouldBe(["a", "b"]);
        harness.Recorder.Batches.Single().Config.ShouldBeSameAs(config);
    }

    [Fact]
    public async Task Accept_VanishedCheckWithReminder_DeletesIt()
    {
        var config = new AlertsConfig { Profiles = Profiles(new ProfileConfig("default") { Interval = TimeSpan.FromMinutes(5) }) };
        await using var harness = new RoutingHarness(config);
        await harness.TransitionAsync(RoutingHarness.Check(checkId: "gone"), CheckStatus.Critical);
        await harness.TransitionAsync(RoutingHarness.Check(checkId: "stays"), CheckStatus.Critical);

        harness.Vanish(RoutingHarness.Check(checkId: "gone"));

        harness.Reminders.Reminders.Select(r => r.CheckId).ShouldBe(["stays"]);
        harness.Store.Stored.Keys.ShouldBe(["consul-alerts/reminders/node1/stays"]);
    }

    private static Dictionary<string, ProfileConfig> Profiles(params ProfileConfig[] profiles) =>
        profiles.ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static SelectionRules Rules(params (string IdOrPattern, string Profile)[] rules) => new()
    {
        Exact = rules.Where(r => !r.IdOrPattern.StartsWith('^')).ToDictionary(r => r.IdOrPattern, r => r.Profile, StringComparer.Ordinal),
        Patterns = rules.Where(r => r.IdOrPattern.StartsWith('^')).Select(r => (ConfiguredPattern.Compile("k", r.IdOrPattern), r.Profile)).ToList(),
    };
}
