using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Tests.Compat;

namespace ConsulAlerts.Tests.Configuration;

public sealed class AlertsConfigParserTests
{
    private const string Prefix = "consul-alerts";
    private const string Root = "consul-alerts/config/";
    private const string Secret = "s3cr3t-TOKEN-value";

    public static TheoryData<string, string, string, string> GoodNotifierValues()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (notifier, keys) in NotifierKeys.All)
        {
            foreach (var (key, type) in keys)
            {
                var (raw, stored) = type switch
                {
                    NotifierKeyType.Bool => (" T\n", "T"),
                    NotifierKeyType.Int => ("\t25 ", "25"),
                    NotifierKeyType.StringArray => ("[\"ops@example.com\", \"dev@example.com\"]\n", "[\"ops@example.com\", \"dev@example.com\"]"),
                    NotifierKeyType.JsonObject => (" {\"a\": \"{{.Node}}\"} ", "{\"a\": \"{{.Node}}\"}"),
                    NotifierKeyType.Choice => ($" {NotifierKeys.Choices(notifier, key)[^1].ToUpperInvariant()}\n", NotifierKeys.Choices(notifier, key)[^1].ToUpperInvariant()),
                    _ => ("  some value\r\n", "some value"),
                };
                data.Add(notifier, key, raw, stored);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> BadNotifierValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (notifier, keys) in NotifierKeys.All)
        {
            foreach (var (key, type) in keys)
            {
                string[] bad = type switch
                {
                    NotifierKeyType.Bool => ["yes", "tRUE", "2", ""],
                    NotifierKeyType.Int => ["abc", "-1", "1.5", "99999999999", ""],
                    NotifierKeyType.StringArray => ["\"a@b\"", "[1]", "[\"a\", \"\"]", "{\"a\": 1}", "[\"a\"", ""],
                    NotifierKeyType.JsonObject => ["[1]", "\"x\"", "{\"a\": ", "null", ""],
                    NotifierKeyType.Choice => ["maybe", "on", "true", $"{NotifierKeys.Choices(notifier, key)[0]}x"],
                    _ => [],
                };
                foreach (var value in bad)
                {
                    data.Add(notifier, key, value);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Parse_NoPairs_AllDefaultsWithRevision()
    {
        var config = AlertsConfigParser.Parse([], Prefix, 42);

        config.Revision.ShouldBe(42ul);
        config.Errors.ShouldBeEmpty();
        config.Checks.Enabled.ShouldBeTrue();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(60));
        config.Events.Enabled.ShouldBeTrue();
        config.Events.Handlers.ShouldBeEmpty();
        config.Notifiers.Keys.ShouldBe(NotifierKeys.All.Keys, ignoreOrder: true);
        config.Notifiers.Where(n => n.Value.Enabled).Select(n => n.Key).ShouldBe(["log"]);
        config.CustomNotifiers.ShouldBeEmpty();
        config.Profiles.ShouldBeEmpty();
        config.Selection.ProfileFor("n1", "web", "c1", "critical").ShouldBe("default");
        config.Blacklist.IsBlacklisted("n1", "web", "c1", "critical").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(GoBoolTests.Forms), MemberType = typeof(GoBoolTests))]
    [InlineData(" false\n", false)]
    [InlineData("\tfalse\r\n", false)]
    public void Parse_EnabledInGoBoolForms_Parsed(string value, bool expected)
    {
        var config = Parse(("checks/enabled", value), ("events/enabled", value), ("notifiers/slack/enabled", value), ("notifiers/log/enabled", value));

        config.Errors.ShouldBeEmpty();
        config.Checks.Enabled.ShouldBe(expected);
        config.Events.Enabled.ShouldBe(expected);
        config.Notifiers["slack"].Enabled.ShouldBe(expected);
        config.Notifiers["log"].Enabled.ShouldBe(expected);
    }

    [Theory]
    [InlineData("checks/enabled", "yes")]
    [InlineData("checks/enabled", "tRUE")]
    [InlineData("checks/enabled", "2")]
    [InlineData("checks/enabled", "")]
    [InlineData("checks/enabled", null)]
    [InlineData("events/enabled", "no")]
    [InlineData("events/enabled", "off")]
    public void Parse_BadBool_KeepsDefaultTrueAndNamesKey(string key, string? value)
    {
        var config = Parse((key, value), ("checks/change-threshold", "5"));

        config.Checks.Enabled.ShouldBeTrue();
        config.Events.Enabled.ShouldBeTrue();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(5), "one bad key never disables the rest");
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain("not a boolean");
        error.Message.ShouldContain("default true");
    }

    [Fact]
    public void Parse_NotifierEnabledBad_KeepsNotifierDefault()
    {
        var config = Parse(("notifiers/log/enabled", "nope"), ("notifiers/email/enabled", "on"));

        config.Notifiers["log"].Enabled.ShouldBeTrue();
        config.Notifiers["email"].Enabled.ShouldBeFalse();
        config.Errors.Select(e => e.Key).ShouldBe([Root + "notifiers/log/enabled", Root + "notifiers/email/enabled"]);
    }

    // Found by AlertsConfigParserPropertyTests: a notifier's enabled key quoted its value, which may be a pasted secret.
    [Fact]
    public void Parse_NotifierEnabledHoldingASecret_ErrorDoesNotQuoteIt()
    {
        var config = Parse(("notifiers/webhook/enabled", Secret));

        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "notifiers/webhook/enabled");
        error.Message.ShouldContain("not a boolean");
        error.Message.ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("30", 30)]
    [InlineData("+7", 7)]
    [InlineData(" 45\n", 45)]
    [InlineData("\t3600\t", 3600)]
    public void Parse_ChangeThreshold_Seconds(string value, int expectedSeconds)
    {
        var config = Parse(("checks/change-threshold", value));

        config.Errors.ShouldBeEmpty();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("-1", "must not be negative")]
    [InlineData("abc", "not a whole number")]
    [InlineData("1.5", "not a whole number")]
    [InlineData("30s", "not a whole number")]
    [InlineData("", "not a whole number")]
    [InlineData("99999999999", "too large")]
    public void Parse_BadChangeThreshold_KeepsDefaultAndReports(string value, string problem)
    {
        var config = Parse(("checks/change-threshold", value));

        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(60));
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "checks/change-threshold");
        error.Message.ShouldContain(problem);
        error.Message.ShouldContain("default 60 s");
    }

    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData(" 1m30s\n", 90000)]
    [InlineData("10m", 600000)]
    public void Parse_GroupWait_GoDuration(string value, int expectedMilliseconds)
    {
        var config = Parse(("checks/group-wait", value));

        config.Errors.ShouldBeEmpty();
        config.Checks.GroupWait.ShouldBe(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Fact]
    public void Parse_NoGroupWait_DefaultTwoSeconds() => Parse().Checks.GroupWait.ShouldBe(TimeSpan.FromSeconds(2));

    [Theory]
    [InlineData("-1s", "must not be negative")]
    [InlineData("2", "not a Go duration")]
    [InlineData("two seconds", "not a Go duration")]
    [InlineData("", "not a Go duration")]
    [InlineData("10m1s", "longer than the limit of 10 minutes")]
    [InlineData("9999999h", "not a Go duration")]
    public void Parse_BadGroupWait_KeepsDefaultAndReportsTheKey(string value, string problem)
    {
        var config = Parse(("checks/group-wait", value));

        config.Checks.GroupWait.ShouldBe(TimeSpan.FromSeconds(2));
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "checks/group-wait");
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void Parse_GroupWaitBroken_KeepsTheLastGoodValue()
    {
        var good = Parse(("checks/group-wait", "5s"));

        var config = AlertsConfigParser.Parse([Pair(Root + "checks/group-wait", "-5s")], Prefix, 43, good);

        config.Checks.GroupWait.ShouldBe(TimeSpan.FromSeconds(5));
        config.Errors.ShouldHaveSingleItem().Key.ShouldBe(Root + "checks/group-wait");
    }

    [Theory]
    [InlineData("120h", 120 * 3600)]
    [InlineData("36h30m", (36 * 3600) + 1800)]
    [InlineData(" 90s\n", 90)]
    [InlineData("0s", 0)]
    [InlineData("8760h", 8760 * 3600)]
    public void Parse_SilenceRetention_GoDuration(string value, int expectedSeconds)
    {
        var config = Parse(("silences/retention", value));

        config.Errors.ShouldBeEmpty();
        config.Silences.Retention.ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("5 days", "not a Go duration")]
    [InlineData("432000", "not a Go duration")]
    [InlineData("-1h", "from 0s to 8760h")]
    [InlineData("8761h", "from 0s to 8760h")]
    [InlineData("", "not a Go duration")]
    public void Parse_BadSilenceRetention_KeepsDefaultAndReportsTheKey(string value, string problem)
    {
        var config = Parse(("silences/retention", value));

        config.Silences.Retention.ShouldBe(TimeSpan.FromDays(5));
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "silences/retention");
        error.Message.ShouldContain(problem);
        error.Message.ShouldContain("the default 120h is used");
    }

    [Fact]
    public void Parse_UnknownSilencesKey_Reported()
    {
        Parse(("silences/ttl", "1h")).Errors.ShouldHaveSingleItem().Key.ShouldBe(Root + "silences/ttl");
    }

    [Theory]
    [InlineData("checks/single/node1/web/service:web/change-threshold", "node1", "web", "service:web")]
    [InlineData("checks/single/node1/_/serfHealth/change-threshold", "node1", "", "serfHealth")]
    [InlineData("checks/single/node1/_/serfHealth/change-threshold", "node1", "_", "serfHealth")]
    [InlineData("checks/check/service:web/change-threshold", "any-node", "any-service", "service:web")]
    [InlineData("checks/check/a/b/change-threshold", "n", "s", "a/b")]
    [InlineData("checks/service/web/change-threshold", "any-node", "web", "any-check")]
    [InlineData("checks/service/_/change-threshold", "any-node", "", "serfHealth")]
    [InlineData("checks/node/node1/change-threshold", "node1", "any-service", "any-check")]
    public void Parse_ThresholdOverride_AppliesToItsCheck(string key, string node, string service, string check)
    {
        var config = Parse((key, " 5 "), ("checks/change-threshold", "30"));

        config.Errors.ShouldBeEmpty();
        config.Checks.ThresholdFor(node, service, check).ShouldBe(TimeSpan.FromSeconds(5));
        config.Checks.ThresholdFor("other-node", "other-service", "other-check").ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("checks/single/node1/web/c1/change-threshold", "x")]
    [InlineData("checks/check/c1/change-threshold", "-5")]
    [InlineData("checks/service/web/change-threshold", "")]
    [InlineData("checks/node/node1/change-threshold", "1m")]
    public void Parse_BadThresholdOverride_IgnoredAndReported(string key, string value)
    {
        var config = Parse((key, value));

        config.Checks.ThresholdFor("node1", "web", "c1").ShouldBe(TimeSpan.FromSeconds(60));
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain("override is ignored");
    }

    [Theory]
    [InlineData("checks/single/node1/web/change-threshold")]
    [InlineData("checks/check/change-threshold")]
    [InlineData("checks/node/node1/threshold")]
    [InlineData("checks/service/web")]
    [InlineData("checks/Enabled")]
    [InlineData("Checks/enabled")]
    [InlineData("checks//enabled")]
    [InlineData("events/handler")]
    [InlineData("something/else")]
    [InlineData("notif-selection/nodes/n1")]
    [InlineData("notif-selection/hosts2")]
    [InlineData("checks/blacklist/single/node1/web")]
    [InlineData("checks/blacklist/hosts/n1")]
    [InlineData("notifiers/custom/a/b")]
    [InlineData("notifiers")]
    public void Parse_UnknownKey_ReportedWithoutBreakingOthers(string key)
    {
        var config = Parse((key, "5"), ("checks/change-threshold", "7"), ("checks/enabled", "false"));

        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(7));
        config.Checks.Enabled.ShouldBeFalse();
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain("unknown");
    }

    [Theory]
    [InlineData("")]
    [InlineData("checks/")]
    [InlineData("checks/blacklist/nodes/")]
    [InlineData("notifiers/custom/")]
    [InlineData("notif-profiles/")]
    public void Parse_DirectoryMarker_Ignored(string key)
    {
        var config = Parse((key, null));

        config.Errors.ShouldBeEmpty();
        config.CustomNotifiers.ShouldBeEmpty();
        config.Profiles.ShouldBeEmpty();
        config.Blacklist.Nodes.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Parse_KeysOutsideConfigRoot_Ignored()
    {
        var pairs = new[]
        {
            Pair("consul-alerts/checks/node1/_/serfHealth", "{}"),
            Pair("other/config/checks/enabled", "false"),
            Pair("consul-alerts/configuration/checks/enabled", "false"),
        };

        var config = AlertsConfigParser.Parse(pairs, Prefix, 1);

        config.Errors.ShouldBeEmpty();
        config.Checks.Enabled.ShouldBeTrue();
    }

    [Theory]
    [InlineData("team-a/alerts", "team-a/alerts/config/")]
    [InlineData("/team-a/alerts/", "team-a/alerts/config/")]
    [InlineData("consul-alerts", "consul-alerts/config/")]
    [InlineData("", "config/")]
    public void Parse_CustomPrefix_ReadsOnlyItsOwnRoot(string prefix, string root)
    {
        AlertsConfigParser.ConfigRoot(prefix).ShouldBe(root);
        var pairs = new[] { Pair(root + "checks/change-threshold", "9"), Pair("elsewhere/config/checks/change-threshold", "1") };

        var config = AlertsConfigParser.Parse(pairs, prefix, 1);

        config.Errors.ShouldBeEmpty();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportedAndIgnored()
    {
        var pairs = new[] { new KvPair { Key = Root + "checks/change-threshold", Value = [0x31, 0xff, 0xfe] } };

        var config = AlertsConfigParser.Parse(pairs, Prefix, 1);

        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(60));
        config.Errors.ShouldHaveSingleItem().Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void Parse_ByteOrderMarkAndWhitespace_Trimmed()
    {
        var config = Parse(("checks/change-threshold", "\uFEFF 12\r\n"), ("notifiers/slack/channel", " \t#ops \n"));

        config.Errors.ShouldBeEmpty();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(12));
        config.Notifiers["slack"].Get("channel").ShouldBe("#ops");
    }

    [Theory]
    [InlineData("[\"/usr/bin/a\", \" /opt/b.sh \"]", "/usr/bin/a|/opt/b.sh")]
    [InlineData(" [] \n", "")]
    public void Parse_EventHandlers_JsonArray(string value, string expected)
    {
        var config = Parse(("events/handlers", value));

        config.Errors.ShouldBeEmpty();
        config.Events.Handlers.ShouldBe(Split(expected));
    }

    [Theory]
    [InlineData("/usr/bin/a", "not valid JSON", "")]
    [InlineData("{\"a\": \"/x\"}", "expected an array", "")]
    [InlineData("\"/usr/bin/a\"", "expected an array", "")]
    [InlineData("[\"/a\", 1, \"/b\"]", "element 1 must be a string", "/a|/b")]
    [InlineData("[\"/a\", \"\"]", "element 1 is an empty string", "/a")]
    [InlineData("", "is empty", "")]
    public void Parse_BadEventHandlers_Reported(string value, string problem, string expected)
    {
        var config = Parse(("events/handlers", value));

        config.Events.Handlers.ShouldBe(Split(expected));
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "events/handlers");
        error.Message.ShouldContain(problem);
    }

    // Found by AlertsConfigParserPropertyTests: reading "\ud800" alone threw InvalidOperationException out of the parser.
    [Theory]
    [InlineData("events/handlers", """["/usr/bin/a", "\ud800"]""")]
    [InlineData("checks/blacklist/nodes", """["\udc00"]""")]
    [InlineData("notif-selection/services", """{"\ud800": "default"}""")]
    [InlineData("notif-selection/checks", """{"web": "x\udfff"}""")]
    [InlineData("notif-profiles/default", """{"NotifList": {"\ud800": true}}""")]
    [InlineData("notif-profiles/night", """{"VarOverrides": {"email": {"receivers": ["\udbff"]}}}""")]
    [InlineData("notifiers/http-endpoint/payload", """{"a": "\ud800"}""")]
    [InlineData("notifiers/email/receivers", """["ops@example.com\ud800"]""")]
    public void Parse_JsonWithALoneSurrogateEscape_WholeValueRefusedWithItsKey(string key, string value)
    {
        var config = Parse((key, value), ("checks/change-threshold", "7"));

        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain("lone surrogate");
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(7));
        config.Events.Handlers.ShouldBeEmpty();
        config.Profiles.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(GoodNotifierValues))]
    public void Parse_NotifierKey_ValidatedAndKeptTrimmed(string notifier, string key, string value, string stored)
    {
        var config = Parse(($"notifiers/{notifier}/{key}", value));

        config.Errors.ShouldBeEmpty();
        config.Notifiers[notifier].Values.ShouldBe(new Dictionary<string, string> { [key] = stored });
        config.Notifiers[notifier].Get(key).ShouldBe(stored);
    }

    [Theory]
    [MemberData(nameof(BadNotifierValues))]
    public void Parse_BadNotifierValue_KeyAbsentAndReported(string notifier, string key, string value)
    {
        var config = Parse(($"notifiers/{notifier}/{key}", value), ($"notifiers/{notifier}/enabled", "true"));

        config.Notifiers[notifier].Get(key).ShouldBeNull();
        config.Notifiers[notifier].Enabled.ShouldBeTrue("the notifier's other keys still load");
        config.Errors.ShouldHaveSingleItem().Key.ShouldBe($"{Root}notifiers/{notifier}/{key}");
    }

    [Fact]
    public void Parse_EmailTlsNotAChoice_ReportsTheWordsWithoutQuotingTheValue()
    {
        var config = Parse(("notifiers/email/tls", Secret));

        var error = config.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("value is not one of auto, required, implicit; the notifier's default (auto) is used");
        config.Notifiers["email"].Get("tls").ShouldBeNull();
    }

    [Fact]
    public void Parse_EmptyStringSetting_TreatedAsUnset()
    {
        var config = Parse(("notifiers/slack/channel", "  "), ("notifiers/slack/url", ""));

        config.Errors.ShouldBeEmpty();
        config.Notifiers["slack"].Values.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_UnknownKeyOfKnownNotifier_ReportedOtherKeysLoad()
    {
        var config = Parse(("notifiers/slack/webhook", Secret), ("notifiers/slack/channel", "#ops"), ("notifiers/slack/enabled", "true"));

        config.Notifiers["slack"].Enabled.ShouldBeTrue();
        config.Notifiers["slack"].Values.ShouldBe(new Dictionary<string, string> { ["channel"] = "#ops" });
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "notifiers/slack/webhook");
        error.Message.ShouldContain("unknown key of notifier 'slack'");
        error.Message.ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("notifiers/Slack/enabled")]
    [InlineData("notifiers/teams/url")]
    [InlineData("notifiers/foo")]
    public void Parse_UnknownNotifier_Reported(string key)
    {
        var config = Parse((key, Secret));

        config.Notifiers.Keys.ShouldBe(NotifierKeys.All.Keys, ignoreOrder: true);
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain("unknown notifier");
        error.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void Parse_CustomNotifiers_LoadedByName()
    {
        var config = Parse(("notifiers/custom/pager", " /usr/local/bin/page.sh\n"), ("notifiers/custom/Pager", "/opt/other"));

        config.Errors.ShouldBeEmpty();
        config.CustomNotifiers.Count.ShouldBe(2);
        config.CustomNotifiers["pager"].ShouldBe(new CustomNotifierConfig("pager", "/usr/local/bin/page.sh"));
        config.CustomNotifiers["Pager"].Path.ShouldBe("/opt/other");
    }

    [Theory]
    [InlineData("notifiers/custom/pager", "", "is empty")]
    [InlineData("notifiers/custom/pager", " \n", "is empty")]
    [InlineData("notifiers/custom/pager", null, "is empty")]
    [InlineData("notifiers/custom/slack", "/bin/true", "built-in notifier 'slack'")]
    public void Parse_BadCustomNotifier_Reported(string key, string? value, string problem)
    {
        var config = Parse((key, value));

        config.CustomNotifiers.ShouldBeEmpty();
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void Parse_Profile_AllPropertiesWithGoStyleNames()
    {
        const string json = """
            {
              "interval": 10,
              "notiflist": {"email": true, "log": false, "pager": true},
              "VAROVERRIDES": {
                "email": {"receivers": ["a@example.com", "b@example.com"], "one-per-node": true, "port": 2525, "sender-alias": "  Ops  "},
                "pagerduty": {"service_key": "pd-key"},
                "Slack": {"Channel": "#web"},
                "pager": {"anything": {"goes": 1}}
              }
            }
            """;

        var config = Parse(("notif-profiles/web", json), ("notifiers/custom/pager", "/bin/pager"));

        config.Errors.ShouldBeEmpty();
        var profile = config.Profiles["web"];
        profile.Name.ShouldBe("web");
        profile.Interval.ShouldBe(TimeSpan.FromMinutes(10));
        profile.NotifList.ShouldBe(new Dictionary<string, bool> { ["email"] = true, ["log"] = false, ["pager"] = true });
        profile.EnabledNotifiers.ShouldBe(["email", "pager"], ignoreOrder: true);
        profile.VarOverrides["email"].ShouldBe(new Dictionary<string, string>
        {
            ["receivers"] = "[\"a@example.com\", \"b@example.com\"]",
            ["one-per-node"] = "true",
            ["port"] = "2525",
            ["sender-alias"] = "Ops",
        });
        profile.VarOverrides["pagerduty"].ShouldBe(new Dictionary<string, string> { ["service-key"] = "pd-key" });
        profile.VarOverrides["slack"].ShouldBe(new Dictionary<string, string> { ["channel"] = "#web" });
        profile.VarOverrides["pager"].ShouldBe(new Dictionary<string, string> { ["anything"] = "{\"goes\": 1}" });
        config.Notifiers["email"].With(profile.VarOverrides["email"]).Get("port").ShouldBe("2525");
    }

    [Theory]
    [InlineData("{\"Interval\": -5, \"NotifList\": {\"log\": true}}", "must not be negative", true)]
    [InlineData("{\"Interval\": 1.5, \"NotifList\": {\"log\": true}}", "not a whole number of minutes", true)]
    [InlineData("{\"Interval\": \"5\", \"NotifList\": {\"log\": true}}", "not a whole number of minutes", true)]
    [InlineData("{\"Interval\": 0, \"NotifList\": {\"log\": true}, \"Extra\": 1}", "member 3 is not a profile property", true)]
    [InlineData("{\"NotifList\": {\"log\": true, \"email\": \"yes\"}}", "NotifList entry 'email' must be true or false", true)]
    [InlineData("{\"NotifList\": {\"log\": true, \"nosuch\": true}}", "neither a built-in nor a custom notifier", true)]
    [InlineData("{\"NotifList\": [\"log\"]}", "NotifList is JSON an array", false)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"nosuch\": {\"a\": \"b\"}}}", "VarOverrides entry 1 names neither a built-in nor a custom notifier", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": [\"a@b\"]}}", "must be a JSON object", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"nosuch\": \"x\"}}}", "VarOverrides of 'email': member 1 is not one of its settings", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"port\": \"many\"}}}", "not a non-negative whole number", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"receivers\": \"a@b\"}}}", "VarOverrides 'email'.'receivers' is not valid JSON", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"receivers\": {\"a\": 1}}}}", "VarOverrides 'email'.'receivers' is JSON an object, expected an array", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"slack\": {\"url\": [\"x\"]}}}", "VarOverrides 'slack'.'url' must be a string", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"one-per-node\": \"yes\"}}}", "VarOverrides 'email'.'one-per-node' is not a boolean", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": [1]}", "VarOverrides is JSON an array", true)]
    [InlineData("{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"tls\": \"maybe\"}}}", "VarOverrides 'email'.'tls' is not one of auto, required, implicit", true)]
    public void Parse_ProfileWithBadPart_LoadsRestAndReports(string json, string problem, bool logInList)
    {
        var config = Parse(("notif-profiles/default", json));

        var profile = config.Profiles["default"];
        profile.Interval.ShouldBe(TimeSpan.Zero);
        profile.NotifList.ContainsKey("log").ShouldBe(logInList);
        profile.VarOverrides.Values.ShouldAllBe(settings => settings.Count == 0);
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "notif-profiles/default");
        error.Message.ShouldContain(problem);
    }

    [Theory]
    [InlineData("{\"Interval\": 5,", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[{\"Interval\": 5}]", "expected an object")]
    [InlineData("", "is empty")]
    public void Parse_ProfileNotAnObject_NotLoaded(string json, string problem)
    {
        var config = Parse(("notif-profiles/default", json), ("notif-profiles/ok", "{\"Interval\": 3}"));

        config.Profiles.Keys.ShouldBe(["ok"]);
        config.Profiles["ok"].Interval.ShouldBe(TimeSpan.FromMinutes(3));
        config.Errors.ShouldContain(e => e.Key == Root + "notif-profiles/default" && e.Message.Contains(problem));
    }

    [Fact]
    public void Parse_SelectionExactAndRegex_FirstMatchInDocumentOrder()
    {
        var config = Parse(
            ("notif-profiles/web", "{}"),
            ("notif-profiles/wide", "{}"),
            ("notif-profiles/db", "{}"),
            ("notif-profiles/crit", "{}"),
            ("notif-profiles/edge", "{}"),
            ("notif-selection/services", """{"^we": "wide", "^web": "web", ".*": "default"}"""),
            ("notif-selection/services/web-special", " db "),
            ("notif-selection/checks/check-db", "db"),
            ("notif-selection/hosts", """{"^edge-": "edge"}"""),
            ("notif-selection/status/critical", "crit"),
            ("notif-profiles/default", "{}"));

        config.Errors.ShouldBeEmpty();
        config.Selection.Services.Find("web-1").ShouldBe("wide", "the first pattern in the document wins");
        config.Selection.Services.Find("web-special").ShouldBe("db", "exact ids win over patterns");
        config.Selection.Services.Find("api").ShouldBe("default");
        config.Selection.Services.Patterns.Select(p => p.Profile).ShouldBe(["wide", "web", "default"]);
        config.Selection.ProfileFor("edge-1", "", "check-db", "critical").ShouldBe("db");
        config.Selection.ProfileFor("edge-1", "", "other", "critical").ShouldBe("edge");
        config.Selection.ProfileFor("core-1", "", "other", "critical").ShouldBe("crit");
        config.Selection.ProfileFor("core-1", "", "other", "warning").ShouldBe("default");
    }

    [Theory]
    [InlineData("notif-selection/services", "{\"(unclosed\": \"web\", \"^ok\": \"web\"}", "pattern 1 is not a valid regular expression (insufficient closing parentheses at offset 9)")]
    [InlineData("notif-selection/checks", "{\"^a\": \"\", \"^ok\": \"web\"}", "profile of pattern 1 must be a non-empty string")]
    [InlineData("notif-selection/hosts", "{\"^a\": 5, \"^ok\": \"web\"}", "profile of pattern 1 must be a non-empty string")]
    [InlineData("notif-selection/status", "{\"^ok\": \"web\", \"^x\": \"missing\"}", "pattern 2 selects a profile that is not defined")]
    public void Parse_BadSelectionPattern_SkippedOthersKept(string key, string json, string problem)
    {
        var config = Parse(("notif-profiles/web", "{}"), (key, json));

        var kind = key["notif-selection/".Length..];
        var rules = kind switch
        {
            "services" => config.Selection.Services,
            "checks" => config.Selection.Checks,
            "hosts" => config.Selection.Hosts,
            _ => config.Selection.Status,
        };
        rules.Find("ok-1").ShouldBe("web");
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain(problem);
    }

    [Theory]
    [InlineData("notif-selection/services", "[\"^a\"]", "expected an object")]
    [InlineData("notif-selection/services", "{\"^a\": ", "not valid JSON")]
    [InlineData("notif-selection/services/web", "", "is empty")]
    [InlineData("notif-selection/hosts/node1", "nosuch", "selects a profile that is not defined")]
    public void Parse_BadSelection_Reported(string key, string value, string problem)
    {
        var config = Parse((key, value));

        config.Errors.ShouldHaveSingleItem().Message.ShouldContain(problem);
        config.Errors[0].Key.ShouldBe(Root + key);
    }

    [Fact]
    public void Parse_BlacklistExactRegexAndSingle_Muted()
    {
        var config = Parse(
            ("checks/blacklist/nodes/node-x", null),
            ("checks/blacklist/nodes", """["^tmp-", "^ci-[0-9]+$"]"""),
            ("checks/blacklist/services/legacy", ""),
            ("checks/blacklist/services", """["-canary$"]"""),
            ("checks/blacklist/checks/noisy", "anything"),
            ("checks/blacklist/checks", """["^_"]"""),
            ("checks/blacklist/status/warning", ""),
            ("checks/blacklist/status", "[]"),
            ("checks/blacklist/single/node1/web/service:web", ""),
            ("checks/blacklist/single/node1/_/serfHealth", ""));

        config.Errors.ShouldBeEmpty();
        var blacklist = config.Blacklist;
        blacklist.IsBlacklisted("node-x", "web", "c", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("Node-x", "web", "c", "critical").ShouldBeFalse("ids are case-sensitive");
        blacklist.IsBlacklisted("tmp-1", "web", "c", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("ci-42", "web", "c", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("ci-42a", "web", "c", "critical").ShouldBeFalse();
        blacklist.IsBlacklisted("n", "legacy", "c", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("n", "api-canary", "c", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("n", "web", "noisy", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("n", "web", "_node_maintenance", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("n", "web", "c", "warning").ShouldBeTrue();
        blacklist.IsBlacklisted("node1", "web", "service:web", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("node2", "web", "service:web", "critical").ShouldBeFalse();
        blacklist.IsBlacklisted("node1", "", "serfHealth", "critical").ShouldBeTrue();
        blacklist.IsBlacklisted("node1", "web", "serfHealth", "critical").ShouldBeFalse();
        blacklist.IsBlacklisted("n", "web", "c", "critical").ShouldBeFalse();
    }

    [Theory]
    [InlineData("checks/blacklist/nodes", "[\"[bad\", \"^ok\"]", "pattern 1 is not a valid regular expression (unterminated")]
    [InlineData("checks/blacklist/nodes", "[\"^ok\", 3]", "element 1 must be a string")]
    [InlineData("checks/blacklist/nodes", "{\"^ok\": true}", "expected an array of regular expressions")]
    [InlineData("checks/blacklist/nodes", "^ok", "not valid JSON")]
    public void Parse_BadBlacklistPatterns_ReportedValidOnesKept(string key, string value, string problem)
    {
        var config = Parse((key, value), ("checks/blacklist/nodes/exact", ""));

        config.Blacklist.Nodes.Matches("exact").ShouldBeTrue();
        config.Blacklist.Nodes.Matches("[bad").ShouldBeFalse();
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain(problem);
        if (value.StartsWith('['))
        {
            config.Blacklist.Nodes.Matches("ok-1").ShouldBeTrue();
        }
    }

    [Fact]
    public void Parse_Patterns_CompiledLinearWithTheirKey()
    {
        var config = Parse(
            ("checks/blacklist/nodes", "[\"^(a+)+$\"]"),
            ("notif-profiles/p", "{}"),
            ("notif-selection/hosts", "{\"^a\": \"p\"}"));

        config.Errors.ShouldBeEmpty();
        var blacklist = config.Blacklist.Nodes.Patterns.ShouldHaveSingleItem();
        blacklist.Linear.ShouldBeTrue();
        blacklist.Key.ShouldBe(Root + "checks/blacklist/nodes");
        var selection = config.Selection.Hosts.Patterns.ShouldHaveSingleItem().Pattern;
        selection.Linear.ShouldBeTrue();
        selection.Key.ShouldBe(Root + "notif-selection/hosts");
    }

    [Theory]
    [InlineData("checks/blacklist/services", "[\"^ok$\", \"^(?!db)\"]", "pattern 2 needs the backtracking regex engine")]
    [InlineData("notif-selection/services", "{\"^ok$\": \"p\", \"(a)\\\\1\": \"p\"}", "pattern 2 needs the backtracking regex engine")]
    public void Parse_PatternNeedingBacktracking_KeptAndReportedWithItsKey(string key, string value, string problem)
    {
        var config = Parse((key, value), ("notif-profiles/p", "{}"));

        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain(problem);
        error.Message.ShouldContain("10 ms");
        var patterns = key.StartsWith("checks", StringComparison.Ordinal)
            ? config.Blacklist.Services.Patterns
            : config.Selection.Services.Patterns.Select(p => p.Pattern).ToList();
        patterns.Count.ShouldBe(2);
        patterns[1].Linear.ShouldBeFalse();
    }

    [Fact]
    public void Parse_SecretsInBadPlaces_NeverInErrors()
    {
        var config = Parse(
            ("notifiers/slack/hook", Secret),
            ("notifiers/nosuch/api-key", Secret),
            ("notifiers/webhook/headers", $"{{\"Authorization\": \"Bearer {Secret}\""),
            ("notifiers/webhook/bearer-token", Secret),
            ("notifiers/http-endpoint/payload", $"[\"{Secret}\"]"),
            ("notifiers/email/receivers", $"\"{Secret}\""),
            ("notifiers/email/port", $"{{\"{Secret}\": 1}}"),
            ("notif-profiles/p", $"{{\"VarOverrides\": {{\"slack\": {{\"url\": [\"{Secret}\"], \"nosuch\": \"{Secret}\"}}, \"email\": {{\"port\": \"{Secret}\"}}}}}}"),
            ("notif-profiles/q", $"{{\"VarOverrides\": {{\"webhook\": {{\"headers\": \"{Secret}\"}}}}}}"),
            ("notif-profiles/r", $"{{\"Interval\": 1, {Secret}"),
            ("something", Secret));

        config.Errors.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var error in config.Errors)
        {
            error.ToString().ShouldNotContain(Secret);
            error.ToString().ShouldNotContain("s3cr3t");
        }

        config.Notifiers["webhook"].Get("bearer-token").ShouldBe(Secret);
        config.Notifiers["webhook"].ToString().ShouldNotContain(Secret);
    }

    // A password pasted into the wrong key, or into the right key in the wrong shape: no error may quote it.
    [Theory]
    [InlineData("checks/enabled", Secret)]
    [InlineData("checks/change-threshold", Secret)]
    [InlineData("checks/node/n1/change-threshold", Secret)]
    [InlineData("events/enabled", Secret)]
    [InlineData("events/handlers", "[\"/bin/a\", 5, {\"" + Secret + "\": 1}]")]
    [InlineData("notifiers/slack/enabled", Secret)]
    [InlineData("notifiers/email/port", Secret)]
    [InlineData("notifiers/email/one-per-node", Secret)]
    [InlineData("checks/blacklist/nodes", "[\"(" + Secret + "\"]")]
    [InlineData("notif-selection/hosts", "{\"(" + Secret + "\": \"p\"}")]
    [InlineData("notif-selection/hosts", "{\"^a\": \"" + Secret + "\"}")]
    [InlineData("notif-selection/hosts", "{\"" + Secret + "\": 5}")]
    [InlineData("notif-selection/services/web", Secret)]
    [InlineData("notif-profiles/p", "{\"Interval\": \"" + Secret + "\"}")]
    [InlineData("notif-profiles/p", "{\"" + Secret + "\": 1}")]
    [InlineData("notif-profiles/p", "{\"NotifList\": {\"" + Secret + "\": true}}")]
    [InlineData("notif-profiles/p", "{\"NotifList\": {\"" + Secret + "\": 1}}")]
    [InlineData("notif-profiles/p", "{\"VarOverrides\": {\"" + Secret + "\": {}}}")]
    [InlineData("notif-profiles/p", "{\"VarOverrides\": {\"slack\": {\"" + Secret + "\": \"x\"}}}")]
    [InlineData("notif-profiles/p", "{\"VarOverrides\": {\"slack\": {\"detailed\": \"" + Secret + "\"}}}")]
    public void Parse_SecretInABadValue_NoErrorQuotesIt(string key, string value)
    {
        var config = Parse((key, value));

        config.Errors.ShouldNotBeEmpty();
        config.Errors.ShouldAllBe(e => e.Key == Root + key);
        foreach (var error in config.Errors)
        {
            error.Message.ShouldNotContain("s3cr3t");
        }
    }

    [Fact]
    public void Parse_BadValueWithControlCharacters_ErrorHasNoneOfIt()
    {
        var config = Parse(("checks/change-threshold", "12\u001b[31mfake log line" + new string('x', 200)));

        var message = config.Errors.ShouldHaveSingleItem().Message;
        message.ShouldNotContain("\u001b");
        message.ShouldNotContain("fake log line");
        message.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public void Parse_KvPairs_ReturnsImmutableSnapshotIndependentOfInput()
    {
        var pairs = new List<KvPair> { Pair(Root + "checks/change-threshold", "5") };

        var first = AlertsConfigParser.Parse(pairs, Prefix, 1);
        pairs[0] = Pair(Root + "checks/change-threshold", "6");
        var second = AlertsConfigParser.Parse(pairs, Prefix, 2);

        first.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(5));
        second.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(6));
    }

    private static AlertsConfig Parse(params (string Key, string? Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => Pair(Root + e.Key, e.Value)), Prefix, 42);

    private static string[] Split(string list) => list.Split('|', StringSplitOptions.RemoveEmptyEntries);

    private static KvPair Pair(string key, string? value) =>
        new() { Key = key, Value = value is null ? null : Encoding.UTF8.GetBytes(value) };
}
