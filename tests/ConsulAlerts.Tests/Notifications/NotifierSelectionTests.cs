using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications;

public sealed class NotifierSelectionTests
{
    private static readonly AlertsConfig Config = new()
    {
        Notifiers = NotifierConfig.Defaults.ToDictionary(
            n => n.Key,
            n => n.Value with
            {
                Enabled = n.Key is "log" or "email" or "slack",
                Values = n.Key == "email" ? new Dictionary<string, string> { ["url"] = "smtp.example.com", ["port"] = "25" } : n.Value.Values,
            },
            StringComparer.Ordinal),
        CustomNotifiers = new Dictionary<string, CustomNotifierConfig>(StringComparer.Ordinal)
        {
            ["pager"] = new("pager", "/opt/pager.sh"),
            ["sms"] = new("sms", "/opt/sms"),
        },
    };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Plan_NoNotifList_EveryEnabledBuiltInAndEveryCustom(string? list)
    {
        var message = Messages.Critical() with { NotifList = list is null ? null : new Dictionary<string, bool>() };

        var plan = NotifierSelection.Plan([message], Config);

        plan.Deliveries.Select(d => d.Instance).ShouldBe(["email", "log", "slack", "custom/pager", "custom/sms"]);
        plan.Deliveries.Single(d => d.Instance == "custom/pager").Config.Get("path").ShouldBe("/opt/pager.sh");
        plan.Deliveries.Single(d => d.Instance == "custom/pager").Kind.ShouldBe("custom");
    }

    [Fact]
    public void Plan_NotifList_OnlyTheNamesItTurnsOnAndNeverADisabledBuiltIn()
    {
        var message = Messages.Critical() with
        {
            NotifList = new Dictionary<string, bool> { ["email"] = true, ["log"] = false, ["pagerduty"] = true, ["sms"] = true, ["pager"] = false },
        };

        var plan = NotifierSelection.Plan([message], Config);

        plan.Deliveries.Select(d => d.Instance).ShouldBe(["email", "custom/sms"]);
        plan.UnknownNotifiers.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_NotifListNamesNothingKnown_ReportsIt()
    {
        var plan = NotifierSelection.Plan([Messages.Critical() with { NotifList = new Dictionary<string, bool> { ["teams-bot"] = true } }], Config);

        plan.Deliveries.ShouldBeEmpty();
        plan.UnknownNotifiers.ShouldBe(["teams-bot"]);
    }

    [Fact]
    public void Plan_VarOverrides_AppliedPerMessageAndGroupedBySettings()
    {
        var list = new Dictionary<string, bool> { ["email"] = true };
        var dba = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"dba@x\"]" } };
        var web = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"web@x\"]" } };
        Message[] messages =
        [
            Messages.Critical(checkId: "db1") with { NotifList = list, VarOverrides = dba },
            Messages.Critical(checkId: "web1") with { NotifList = list, VarOverrides = web },
            Messages.Critical(checkId: "db2") with { NotifList = list, VarOverrides = dba },
            Messages.Critical(checkId: "plain") with { NotifList = list },
        ];

        var plan = NotifierSelection.Plan(messages, Config);

        plan.Deliveries.Select(d => (d.Config.Get("receivers"), string.Join(",", d.Messages.Select(m => m.CheckId)))).ShouldBe(
            [("[\"dba@x\"]", "db1,db2"), ("[\"web@x\"]", "web1"), (null, "plain")]);
        plan.Deliveries.ShouldAllBe(d => d.Config.Get("url") == "smtp.example.com");
        var instances = plan.Deliveries.Select(d => d.Instance).ToList();
        instances.Distinct().Count().ShouldBe(3);
        instances[2].ShouldBe("email");
        instances[0].ShouldMatch("^email\\+[0-9a-f]{8}$");
        instances[0].ShouldBe(NotifierSelection.InstanceName("email", dba["email"]));
        instances.ShouldAllBe(i => !i.Contains("dba@x"));
    }

    [Fact]
    public void InstanceName_SameOverridesInAnyOrder_SameName()
    {
        var one = NotifierSelection.InstanceName("slack", new Dictionary<string, string> { ["channel"] = "#a", ["username"] = "bot" });
        var other = NotifierSelection.InstanceName("slack", new Dictionary<string, string> { ["username"] = "bot", ["channel"] = "#a" });

        one.ShouldBe(other);
        NotifierSelection.InstanceName("slack", new Dictionary<string, string>()).ShouldBe("slack");
        NotifierSelection.InstanceName("slack", null).ShouldBe("slack");
    }

    [Fact]
    public void Plan_MessagesWithoutProfile_ShareOneDeliveryPerNotifier()
    {
        var plan = NotifierSelection.Plan([Messages.Critical(checkId: "a"), Messages.Critical(checkId: "b")], Config);

        plan.Deliveries.ShouldAllBe(d => d.Messages.Count == 2);
    }

    [Fact]
    public void Plan_ProfileOverridesSeveralNotifiers_EachDeliveryCarriesNoOtherNotifiersSettings()
    {
        var config = Config with
        {
            Notifiers = Config.Notifiers.ToDictionary(n => n.Key, n => n.Value with { Enabled = n.Key is "slack" or "webhook" }, StringComparer.Ordinal),
        };

        var plan = NotifierSelection.Plan([Messages.WithOverrides()], config);

        plan.Deliveries.Select(d => d.Kind).ShouldBe(["slack", "webhook", "custom"]);
        foreach (var delivery in plan.Deliveries.Where(d => d.Kind != "custom"))
        {
            delivery.Messages.ShouldHaveSingleItem().VarOverrides.ShouldBeEmpty(delivery.Instance);
        }

        // A custom notifier's own overrides are its settings and reach its script; nobody else's do.
        var custom = plan.Deliveries.Single(d => d.Kind == "custom").Messages.ShouldHaveSingleItem();
        custom.VarOverrides.Keys.ShouldBe(["pager"]);
        custom.VarOverrides["pager"]["team"].ShouldBe("db-oncall");
        plan.Deliveries.Single(d => d.Kind == "webhook").Config.Get("bearer-token").ShouldBe("SECRET-BEARER", "the settings still apply");
    }
}
