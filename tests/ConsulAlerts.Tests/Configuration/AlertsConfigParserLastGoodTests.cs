using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Tests.Configuration;

/// <summary>A value that stops parsing keeps the key's last good value, and says so; the default only when there never was one.</summary>
public sealed class AlertsConfigParserLastGoodTests
{
    private const string Prefix = "consul-alerts";
    private const string Root = "consul-alerts/config/";
    private const string Kept = "the last good value of this key is kept";

    private static readonly Dictionary<string, Func<AlertsConfig, object?>> Readers = new(StringComparer.Ordinal)
    {
        ["checks/enabled"] = c => c.Checks.Enabled,
        ["checks/change-threshold"] = c => c.Checks.ChangeThreshold,
        ["checks/node/n1/change-threshold"] = c => c.Checks.Overrides.Node.GetValueOrDefault("n1"),
        ["checks/single/n1/_/mem/change-threshold"] = c => c.Checks.Overrides.Single.GetValueOrDefault("n1/_/mem"),
        ["events/enabled"] = c => c.Events.Enabled,
        ["events/handlers"] = c => string.Join(",", c.Events.Handlers),
        ["notifiers/email/port"] = c => c.Notifiers["email"].Get("port"),
        ["notifiers/slack/enabled"] = c => c.Notifiers["slack"].Enabled,
        ["notifiers/email/receivers"] = c => c.Notifiers["email"].Get("receivers"),
        ["notifiers/custom/pager"] = c => c.CustomNotifiers.GetValueOrDefault("pager")?.Path,
        ["notif-profiles/ops"] = c => c.Profiles.GetValueOrDefault("ops")?.Interval,
        ["notif-selection/hosts"] = c => c.Selection.Hosts.Find("db-1"),
        ["notif-selection/hosts/node1"] = c => c.Selection.Hosts.Find("node1"),
        ["checks/blacklist/nodes"] = c => c.Blacklist.IsBlacklisted("tmp-1", "", "c", "critical"),
        ["checks/blacklist/checks"] = c => c.Blacklist.IsBlacklisted("n", "", "noisy-1", "critical"),
    };

    public static TheoryData<string, string, string> Keys() => new()
    {
        { "checks/enabled", "false", "maybe" },
        { "checks/change-threshold", "2", "abc" },
        { "checks/node/n1/change-threshold", "7", "-1" },
        { "checks/single/n1/_/mem/change-threshold", "9", "x" },
        { "events/enabled", "false", "nope" },
        { "events/handlers", "[\"/bin/a\"]", "{\"not\": \"an array\"}" },
        { "notifiers/email/port", "587", "twenty-five" },
        { "notifiers/slack/enabled", "true", "yes please" },
        { "notifiers/email/receivers", "[\"ops@example.com\"]", "ops@example.com" },
        { "notifiers/custom/pager", "/opt/pager", "" },
        { "notif-profiles/ops", "{\"Interval\": 5}", "{\"Interval\": 5" },
        { "notif-profiles/ops", "{\"Interval\": 5}", "{\"Interval\": \"five\"}" },
        { "notif-selection/hosts", "{\"^db\": \"default\"}", "{\"(db\": \"default\"}" },
        { "notif-selection/hosts/node1", "default", "" },
        { "checks/blacklist/nodes", "[\"^tmp-\"]", "[\"[bad\", \"^db-\"]" },
        { "checks/blacklist/checks", "[\"^noisy\"]", "not json" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_GoodThenBad_KeepsTheLastGoodValueAndSaysSo(string key, string good, string bad)
    {
        var read = Readers[key];
        var first = Parse(null, (key, good), ("notif-profiles/default", "{}"));
        first.Errors.ShouldBeEmpty();

        var second = Parse(first, (key, bad), ("notif-profiles/default", "{}"));

        read(second).ShouldBe(read(first));
        read(second).ShouldNotBe(read(Parse(null, ("notif-profiles/default", "{}"))), "the last good value differs from the default");
        var errors = second.Errors.Where(e => e.Key == Root + key).ToList();
        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => e.Message.EndsWith(Kept, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_BadWithoutEverAGoodValue_UsesTheDefaultAndSaysSo(string key, string good, string bad)
    {
        var config = Parse(null, (key, bad), ("notif-profiles/default", "{}"));
        var previousOfAnotherKey = Parse(null, ("checks/node/other/change-threshold", "1"));

        config.Errors.Where(e => e.Key == Root + key).ShouldNotBeEmpty();
        config.Errors.ShouldAllBe(e => !e.Message.Contains(Kept, StringComparison.Ordinal));
        Parse(previousOfAnotherKey, (key, bad), ("notif-profiles/default", "{}")).Errors.ShouldBe(config.Errors);
        Readers[key](config).ShouldNotBe(Readers[key](Parse(null, (key, good), ("notif-profiles/default", "{}"))));
    }

    [Fact]
    public void Parse_ThresholdTwoThenAbc_StaysTwoSeconds()
    {
        var good = Parse(null, ("checks/change-threshold", "2"));

        var bad = Parse(good, ("checks/change-threshold", "abc"));
        var worse = Parse(bad, ("checks/change-threshold", "-5"));

        bad.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(2));
        worse.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(2), "still the last good value, two bad ones later");
        bad.Errors.ShouldHaveSingleItem().Message.ShouldBe("value is not a whole number of seconds; " + Kept);
    }

    [Fact]
    public void Parse_LogPathGoodThenBinary_KeepsWritingToTheGoodPath()
    {
        var good = Parse(null, ("notifiers/log/path", "/var/log/alerts.log"));

        var bad = ParseBytes(good, ("notifiers/log/path", [0xff, 0xfe, 0x00, 0x41]));

        bad.Notifiers["log"].Get("path").ShouldBe("/var/log/alerts.log");
        bad.Errors.ShouldHaveSingleItem().Message.ShouldBe("value is not valid UTF-8 text; " + Kept);
    }

    [Fact]
    public void Parse_GoodBadGood_TheNewestGoodValueIsKeptNext()
    {
        var one = Parse(null, ("checks/change-threshold", "2"));
        var bad = Parse(one, ("checks/change-threshold", "x"));
        var three = Parse(bad, ("checks/change-threshold", "3"));

        Parse(three, ("checks/change-threshold", "y")).Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Parse_KeyDeletedAfterBeingBad_DefaultAgain()
    {
        var good = Parse(null, ("checks/change-threshold", "2"));
        var bad = Parse(good, ("checks/change-threshold", "x"));

        var deleted = Parse(bad);
        var badAgain = Parse(deleted, ("checks/change-threshold", "x"));

        deleted.Checks.ChangeThreshold.ShouldBe(ChecksConfig.DefaultChangeThreshold);
        badAgain.Checks.ChangeThreshold.ShouldBe(ChecksConfig.DefaultChangeThreshold, "a deleted key has no last good value");
    }

    [Fact]
    public void Parse_OtherKeysChange_LastGoodKeptAndTheRestNew()
    {
        var good = Parse(null, ("checks/change-threshold", "2"), ("checks/enabled", "true"));

        var next = Parse(good, ("checks/change-threshold", "abc"), ("checks/enabled", "false"));

        next.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(2));
        next.Checks.Enabled.ShouldBeFalse();
    }

    private static AlertsConfig Parse(AlertsConfig? previous, params (string Key, string Value)[] entries) =>
        ParseBytes(previous, [.. entries.Select(e => (e.Key, Encoding.UTF8.GetBytes(e.Value)))]);

    private static AlertsConfig ParseBytes(AlertsConfig? previous, params (string Key, byte[] Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = Root + e.Key, Value = e.Value }), Prefix, 42, previous);
}
