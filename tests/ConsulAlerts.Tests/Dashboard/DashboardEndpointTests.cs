using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Dashboard;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Api;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Dashboard;

public sealed class DashboardEndpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_PendingCheckWithOverride_FiresAtPendingTimestampPlusEffectiveThreshold()
    {
        var view = new FakeCheckView();
        view.Put(State("n1", "web", current: CheckStatus.Passing, pending: CheckStatus.Critical, pendingAt: T0));
        var config = new AlertsConfig
        {
            Checks = new ChecksConfig
            {
                ChangeThreshold = TimeSpan.FromSeconds(60),
                Overrides = new ThresholdOverrides { Check = new Dictionary<string, TimeSpan> { ["web"] = TimeSpan.FromSeconds(15) } },
            },
        };

        var check = DashboardEndpoint.Build(view, config, null, T0.AddSeconds(5)).Checks.ShouldHaveSingleItem();

        check.Pending.ShouldBe(CheckStatus.Critical);
        check.PendingSince.ShouldBe(T0);
        check.FiresAt.ShouldBe(T0.AddSeconds(15));
        check.ThresholdSeconds.ShouldBe(15);
    }

    [Fact]
    public void Build_MixedChecks_ListsOnlyAlertingOrPendingWorstFirst()
    {
        var view = new FakeCheckView();
        view.Set("n1", "ok", CheckStatus.Passing, "");
        view.Put(State("n1", "soon", current: CheckStatus.Passing, pending: CheckStatus.Warning, pendingAt: T0));
        view.Set("n1", "disk", CheckStatus.Warning, "91%");
        view.Set("n2", "http", CheckStatus.Critical, "503");

        var checks = DashboardEndpoint.Build(view, AlertsConfig.Default, null, T0).Checks;

        checks.Select(c => c.CheckId).ShouldBe(["http", "disk", "soon"]);
        checks[0].CurrentSince.ShouldNotBeNull();
        checks[0].FiresAt.ShouldBeNull();
        checks[0].Output.ShouldBe("503");
    }

    [Fact]
    public void Build_BlacklistAndErrors_ReportsEntriesPatternsAndKeys()
    {
        var config = new AlertsConfig
        {
            Revision = 42,
            Blacklist = new BlacklistConfig
            {
                Nodes = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "n9" } },
                Checks = new NameMatcher { Patterns = [ConfiguredPattern.Compile("consul-alerts/config/checks/blacklist/checks", "^noisy-")] },
                Single = new HashSet<string>(StringComparer.Ordinal) { "n1/_/mem" },
                ServiceTags = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "canary" } },
            },
            Errors = [new ConfigError("consul-alerts/config/checks/change-threshold", "value \"soon\" is not a whole number of seconds; the default 60 is used")],
        };
        var view = new FakeCheckView();
        view.Set("n9", "muted", CheckStatus.Critical, "");

        var report = DashboardEndpoint.Build(view, config, null, T0);

        report.Blacklist.Nodes.Exact.ShouldBe(["n9"]);
        report.Blacklist.Checks.Patterns.ShouldBe(["^noisy-"]);
        report.Blacklist.Single.ShouldBe(["n1/_/mem"]);
        report.Blacklist.ServiceTags.Exact.ShouldBe(["canary"]);
        report.Blacklist.Services.Exact.ShouldBeEmpty();
        report.Config.Loaded.ShouldBeTrue();
        report.Config.Errors.ShouldHaveSingleItem().Key.ShouldBe("consul-alerts/config/checks/change-threshold");
        report.Checks.ShouldHaveSingleItem().Blacklisted.ShouldBeTrue();
    }

    [Fact]
    public void Build_ConfigWithSecretsAndBadValues_JsonNamesKeysButNoSecret()
    {
        var config = AlertsConfigParser.Parse(
            [
                Pair("consul-alerts/config/notifiers/slack/url", "https://hooks.example.test/services/T0/B0/s3cr3t-hook"),
                Pair("consul-alerts/config/notifiers/email/password", "s3cr3t-password"),
                Pair("consul-alerts/config/notifiers/slack/detailed", "s3cr3t-pasted"),
                Pair("consul-alerts/config/notifiers/email/port", "s3cr3t-port"),
                Pair("consul-alerts/config/notifiers/email/enabled", "s3cr3t-enabled"),
                Pair("consul-alerts/config/checks/enabled", "s3cr3t-checks"),
                Pair("consul-alerts/config/checks/change-threshold", "s3cr3t-threshold"),
                Pair("consul-alerts/config/events/enabled", "s3cr3t-events"),
                Pair("consul-alerts/config/checks/blacklist/nodes", "[\"(s3cr3t-pattern\"]"),
                Pair("consul-alerts/config/notif-profiles/p", "{\"Interval\": \"s3cr3t-interval\", \"NotifList\": {\"s3cr3t-name\": true}}"),
            ],
            "consul-alerts",
            9);

        string json = JsonSerializer.Serialize(DashboardEndpoint.Build(new FakeCheckView(), config, null, T0), DashboardJsonContext.Default.DashboardReport);

        json.ShouldContain("consul-alerts/config/notifiers/slack/detailed");
        json.ShouldContain("consul-alerts/config/notifiers/email/port");
        json.ShouldContain("consul-alerts/config/checks/enabled");
        json.ShouldContain("consul-alerts/config/notif-profiles/p");
        json.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public void Build_History_MapsOutcomesToLowerCase()
    {
        var history = new DeliveryHistory();
        var delivery = new NotificationDelivery("slack", "slack", NotifierConfig.Defaults["slack"], [new Message { Node = "n1", CheckId = "web", Check = "web", Status = "critical" }]);
        history.Record(delivery, DeliveryHistoryOutcome.Retrying, "HTTP 503", 1, T0);

        var entry = DashboardEndpoint.Build(new FakeCheckView(), AlertsConfig.Default, history, T0).Deliveries.ShouldHaveSingleItem();

        entry.ShouldBe(entry with { Notifier = "slack", Messages = 1, Outcome = "retrying", Attempts = 1, Error = "HTTP 503" });
    }

    [Fact]
    public async Task GetRoot_ServesSelfContainedPage()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("/", UriKind.Relative));
        string html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        html.ShouldContain("/v1/dashboard");
        html.ShouldNotContain("innerHTML");
        // Self-contained: no script, stylesheet or font from anywhere else.
        Regex.IsMatch(html, "(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase).ShouldBeFalse();
        html.ShouldNotContain("@import");
    }

    [Fact]
    public async Task GetDashboard_ReturnsCamelCaseJsonWithChecksAndConfig()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Checks.Set("n1", "web", CheckStatus.Critical, "<script>alert(1)</script>");
        host.Config.Publish(new AlertsConfig { Revision = 7, Errors = [new ConfigError("consul-alerts/config/x", "unknown configuration key; ignored")] });

        using var response = await host.Client.GetAsync(new Uri("/v1/dashboard", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        root.GetProperty("config").GetProperty("revision").GetUInt64().ShouldBe(7UL);
        root.GetProperty("config").GetProperty("errors")[0].GetProperty("key").GetString().ShouldBe("consul-alerts/config/x");
        root.GetProperty("checks")[0].GetProperty("output").GetString().ShouldBe("<script>alert(1)</script>");
        root.GetProperty("deliveries").GetArrayLength().ShouldBe(0);
        root.GetProperty("blacklist").GetProperty("nodes").GetProperty("exact").GetArrayLength().ShouldBe(0);
    }

    private static KvPair Pair(string key, string value) => new() { Key = key, Value = Encoding.UTF8.GetBytes(value) };

    private static CheckState State(string node, string checkId, string current, string pending, DateTimeOffset pendingAt) => new()
    {
        Current = current,
        CurrentTimestamp = pendingAt.AddHours(-1),
        Pending = pending,
        PendingTimestamp = pendingAt,
        HealthCheck = new CheckInfo { Node = node, CheckId = checkId, Name = checkId, Status = pending },
    };

    [Fact]
    public void Build_PatternRanOutOfTime_ListedWithTheErrorsAndTheCheckMuted()
    {
        var key = "consul-alerts/config/checks/blacklist/nodes";
        var config = AlertsConfigParser.Parse([Pair(key, "[\"^(?=(\\\\w+\\\\s?)*$)\"]")], "consul-alerts", 9);
        var view = new FakeCheckView();
        view.Set(new string('a', 40) + "!", "web", CheckStatus.Critical, "");

        var report = DashboardEndpoint.Build(view, config, null, T0);

        report.Checks.ShouldHaveSingleItem().Blacklisted.ShouldBeTrue();
        report.Config.Errors.Select(e => e.Key).ShouldBe([key, key]);
        report.Config.Errors[^1].Message.ShouldContain("ran out of time");
    }

    [Fact]
    public void Build_LocalDatacenterBlacklisted_LocalChecksShownMutedRemoteOnesNot()
    {
        var config = AlertsConfigParser.Parse([Pair("consul-alerts/config/checks/blacklist/datacenters/east", "")], "consul-alerts", 9);
        var view = new FakeCheckView();
        view.Set("web-1", "web", CheckStatus.Critical, "");
        var remote = view.All.Single().HealthCheck with { Node = "web-2", Datacenter = "west" };
        view.Put(new CheckState { Current = CheckStatus.Critical, HealthCheck = remote });

        var report = DashboardEndpoint.Build(view, config, null, T0, local: new LocalDatacenter("east"));

        report.Checks.Single(c => c.Node == "web-1").Blacklisted.ShouldBeTrue("the local check carries no name, but is in east");
        report.Checks.Single(c => c.Node == "web-2").Blacklisted.ShouldBeFalse();
    }

    [Fact]
    public void Build_BudgetSpent_UndecidedChecksShownMuted()
    {
        var config = AlertsConfigParser.Parse([Pair("consul-alerts/config/checks/blacklist/nodes", "[\"^tmp-\"]")], "consul-alerts", 9);
        var view = new FakeCheckView();
        view.Set("web-1", "web", CheckStatus.Critical, "");

        var report = DashboardEndpoint.Build(view, config, null, T0, new MatchBudget(TimeSpan.Zero, new FakeTimeProvider()));

        report.Checks.ShouldHaveSingleItem().Blacklisted.ShouldBeTrue("fail closed when the request cannot decide");
        DashboardEndpoint.Build(view, config, null, T0).Checks.ShouldHaveSingleItem().Blacklisted.ShouldBeFalse();
    }

    [Fact]
    public void Build_HugeProfileAndThousandsOfBlacklistKeys_StaysSmall()
    {
        var pairs = new List<KvPair> { Pair("consul-alerts/config/notif-profiles/huge", Configuration.AlertsConfigParserLimitsTests.HugeProfile()) };
        pairs.AddRange(Enumerable.Range(1, 5000).Select(i => Pair($"consul-alerts/config/checks/blacklist/nodes/node-with-a-long-name-{i:D5}", "")));
        pairs.AddRange(Enumerable.Range(1, 5000).Select(i => Pair($"consul-alerts/config/checks/node/n{i:D5}/change-threshold", "soon")));
        var config = AlertsConfigParser.Parse(pairs, "consul-alerts", 9);

        var report = DashboardEndpoint.Build(new FakeCheckView(), config, null, T0);
        string json = JsonSerializer.Serialize(report, DashboardJsonContext.Default.DashboardReport);

        json.Length.ShouldBeLessThan(128 * 1024);
        report.Blacklist.Nodes.Exact.Count.ShouldBe(DashboardEndpoint.MaxNamesShown);
        report.Blacklist.Nodes.Omitted.ShouldBe(5000 - DashboardEndpoint.MaxNamesShown);
    }
}
