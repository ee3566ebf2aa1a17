using System.Globalization;
using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Tests.Configuration;

/// <summary>Hostile sizes: one value or one folder of KV may be huge; what the daemon keeps and reports is not.</summary>
public sealed class AlertsConfigParserLimitsTests
{
    private const string Prefix = "consul-alerts";
    private const string Root = "consul-alerts/config/";

    /// <summary>About 1 MB: a profile whose NotifList names 60,000 notifiers, none of which exists.</summary>
    internal static string HugeProfile()
    {
        var json = new StringBuilder("{\"Interval\": 5, \"NotifList\": {");
        for (int i = 0; i < 60_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("\"notifier-").Append(i.ToString("D5", CultureInfo.InvariantCulture)).Append("\": true");
        }

        return json.Append("}}").ToString();
    }

    [Fact]
    public void Parse_ProfileWithSixtyThousandNotifListEntries_KeepsABoundedListAndReportsOneLine()
    {
        var profile = HugeProfile();
        profile.Length.ShouldBeGreaterThan(1_000_000);

        var config = Parse(("notif-profiles/huge", profile));

        config.Profiles["huge"].NotifList.Count.ShouldBe(ConfigLimits.MaxEntries);
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "notif-profiles/huge");
        error.Message.ShouldContain("60000");
        error.Message.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Parse_ManyProblemsInOneValue_OneLineWithTheCount()
    {
        var list = string.Join(", ", Enumerable.Range(1, 100).Select(i => $"\"nosuch-{i}\": true"));

        var config = Parse(("notif-profiles/p", $"{{\"NotifList\": {{{list}}}}}"));

        config.Errors.ShouldHaveSingleItem().Message.ShouldBe("NotifList entry 1 names neither a built-in nor a custom notifier (and 99 more problems in this value)");
    }

    [Fact]
    public void Parse_VarOverridesWithThousandsOfEntries_Bounded()
    {
        var notifiers = string.Join(", ", Enumerable.Range(1, 5000).Select(i => $"\"n{i}\": {{}}"));
        var settings = string.Join(", ", Enumerable.Range(1, 5000).Select(i => $"\"s{i}\": \"x\""));

        var config = Parse(
            ("notifiers/custom/script", "/bin/true"),
            ("notif-profiles/a", $"{{\"VarOverrides\": {{{notifiers}}}}}"),
            ("notif-profiles/b", $"{{\"VarOverrides\": {{\"script\": {{{settings}}}}}}}"));

        config.Profiles["b"].VarOverrides["script"].Count.ShouldBe(ConfigLimits.MaxEntries);
        config.Errors.Count(e => e.Key == Root + "notif-profiles/a").ShouldBe(1);
        config.Errors.Count(e => e.Key == Root + "notif-profiles/b").ShouldBe(1);
    }

    [Theory]
    [InlineData("checks/blacklist/nodes")]
    [InlineData("notif-selection/hosts")]
    public void Parse_ThousandsOfPatternsInOneKey_BoundedWithOneLine(string key)
    {
        var many = Enumerable.Range(1, 3000).Select(i => $"^host-{i}$").ToList();
        var value = key.StartsWith("checks", StringComparison.Ordinal)
            ? "[" + string.Join(", ", many.Select(p => $"\"{p}\"")) + "]"
            : "{" + string.Join(", ", many.Select(p => $"\"{p}\": \"default\"")) + "}";

        var config = Parse((key, value), ("notif-profiles/default", "{}"));

        var count = key.StartsWith("checks", StringComparison.Ordinal) ? config.Blacklist.Nodes.Patterns.Count : config.Selection.Hosts.Patterns.Count;
        count.ShouldBe(ConfigLimits.MaxEntries);
        config.Errors.ShouldHaveSingleItem().Message.ShouldContain("3000");
    }

    [Fact]
    public void Parse_PatternLongerThanTheLimit_Rejected()
    {
        var config = Parse(("checks/blacklist/nodes", $"[\"^ok$\", \"{new string('a', ConfigLimits.MaxPatternLength + 1)}\"]"));

        config.Blacklist.Nodes.Patterns.ShouldHaveSingleItem().Text.ShouldBe("^ok$");
        config.Errors.ShouldHaveSingleItem().Message.ShouldContain($"longer than {ConfigLimits.MaxPatternLength}");
    }

    [Fact]
    public void Parse_TooManyProfiles_BoundedWithOneLineForTheFolder()
    {
        var pairs = Enumerable.Range(1, ConfigLimits.MaxProfiles + 500).Select(i => ($"notif-profiles/p{i:D5}", "{}")).ToArray();

        var config = Parse(pairs);

        config.Profiles.Count.ShouldBe(ConfigLimits.MaxProfiles);
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "notif-profiles/");
        error.Message.ShouldContain("500");
    }

    [Fact]
    public void Parse_TooManyExactBlacklistKeys_BoundedWithOneLineForTheFolder()
    {
        var pairs = Enumerable.Range(1, ConfigLimits.MaxKeysPerFolder + 10).Select(i => ($"checks/blacklist/checks/c{i:D6}", "")).ToArray();

        var config = Parse(pairs);

        config.Blacklist.Checks.Exact.Count.ShouldBe(ConfigLimits.MaxKeysPerFolder);
        config.Errors.ShouldHaveSingleItem().Key.ShouldBe(Root + "checks/blacklist/checks/");
    }

    [Fact]
    public void Parse_ThousandsOfBadKeys_ListsABoundedNumberAndCountsTheRest()
    {
        var pairs = Enumerable.Range(1, 5000).Select(i => ($"checks/node/n{i:D5}/change-threshold", "soon")).ToArray();

        var config = Parse(pairs);

        config.Errors.Count.ShouldBe(ConfigLimits.MaxErrorsListed + 1);
        config.Errors[^1].Key.ShouldBe(Root);
        config.Errors[^1].Message.ShouldContain((5000 - ConfigLimits.MaxErrorsListed).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_HandlersListTooLong_Bounded()
    {
        var handlers = "[" + string.Join(", ", Enumerable.Range(1, 1000).Select(i => $"\"/bin/h{i}\"")) + "]";

        var config = Parse(("events/handlers", handlers));

        config.Events.Handlers.Count.ShouldBe(ConfigLimits.MaxEntries);
        config.Errors.ShouldHaveSingleItem();
    }

    private static AlertsConfig Parse(params (string Key, string Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = Root + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), Prefix, 42);
}
