using System.Text;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class SelectionParserTests
{
    private static (SelectionParser Parser, ConfigValueReader Reader) Create()
    {
        var reader = new ConfigValueReader();
        return (new SelectionParser(reader), reader);
    }

    private static void Parse(SelectionParser parser, string key, string value) =>
        parser.Parse("consul-alerts/config/" + key, key.Split('/'), Encoding.UTF8.GetBytes(value));

    [Fact]
    public void Parse_ExactKeyAndPatternMap_BothInTheRules()
    {
        var (parser, reader) = Create();

        Parse(parser, "notif-selection/services/web/api", "ops");
        Parse(parser, "notif-selection/checks", """{"^disk-": "storage", "^mem": "ops"}""");
        var selection = parser.Build();

        reader.Problems.ShouldBeEmpty();
        selection.Services.Exact["web/api"].ShouldBe("ops");
        selection.Checks.Patterns.Select(p => p.Profile).ShouldBe(["storage", "ops"]);
        selection.Hosts.ShouldBe(SelectionRules.None);
    }

    [Fact]
    public void Parse_EmptyProfileInTheMap_PatternIgnoredOthersKept()
    {
        var (parser, reader) = Create();

        Parse(parser, "notif-selection/hosts", """{"^a": "", "^b": "ops"}""");

        parser.Build().Hosts.Patterns.ShouldHaveSingleItem().Profile.ShouldBe("ops");
        reader.Problems.ShouldHaveSingleItem().Problem.ShouldContain("pattern 1");
    }

    [Fact]
    public void ReportUndefinedProfiles_SelectionOfAMissingProfile_Noted()
    {
        var (parser, reader) = Create();
        Parse(parser, "notif-selection/status/critical", "nosuch");
        Parse(parser, "notif-selection/status/warning", "ops");

        parser.ReportUndefinedProfiles(new Dictionary<string, ProfileConfig> { ["ops"] = new("ops") });

        var problem = reader.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("consul-alerts/config/notif-selection/status/critical");
        problem.OfTheValue.ShouldBeFalse();
    }

    [Fact]
    public void Parse_UnknownKind_ReportedAsUnknownKey()
    {
        var (parser, reader) = Create();

        Parse(parser, "notif-selection/datacenters/dc1", "ops");

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldBe("unknown configuration key");
    }
}
