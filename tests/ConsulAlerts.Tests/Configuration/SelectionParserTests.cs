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

    [Theory]
    [InlineData("notif-selection/datacenters/dc2", "remote", "dc2", 0)]
    [InlineData("notif-selection/datacenters", """{"^lab-": "lab"}""", null, 1)]
    public void Parse_Datacenters_ExactKeysAndPatternMap(string key, string value, string? exact, int patterns)
    {
        var (parser, reader) = Create();

        Parse(parser, key, value);
        var rules = parser.Build().Datacenters;

        reader.Problems.ShouldBeEmpty();
        rules.Exact.Keys.ShouldBe(exact is null ? [] : [exact]);
        rules.Patterns.Count.ShouldBe(patterns);
    }

    [Theory]
    [InlineData("notif-selection/service-tags/canary", "ops", "canary", 0)]
    [InlineData("notif-selection/service-tags/team/db", " db ", "team/db", 0)]
    [InlineData("notif-selection/service-tags", """{"^team-db$": "db", "canary": "ops"}""", null, 2)]
    public void Parse_ServiceTags_ExactKeysAndPatternMap(string key, string value, string? exact, int patterns)
    {
        var (parser, reader) = Create();

        Parse(parser, key, value);
        var rules = parser.Build().ServiceTags;

        reader.Problems.ShouldBeEmpty();
        if (exact is not null)
        {
            rules.Exact.Keys.ShouldBe([exact]);
            rules.Exact[exact].ShouldBe(value.Trim());
        }

        rules.Patterns.Count.ShouldBe(patterns);
    }

    [Theory]
    [InlineData("notif-selection/service-tags", """["canary"]""", "expected an object")]
    [InlineData("notif-selection/service-tags", """{"(": "ops", "^ok": "ops"}""", "pattern 1 is not a valid regular expression")]
    [InlineData("notif-selection/service-tags", """{"canary": ""}""", "profile of pattern 1 must be a non-empty string")]
    [InlineData("notif-selection/service-tags", "{", "not valid JSON")]
    [InlineData("notif-selection/service-tags/canary", "", "is empty")]
    public void Parse_BadServiceTagsSelection_ReportedWithItsKey(string key, string value, string problem)
    {
        var (parser, reader) = Create();

        Parse(parser, key, value);

        var reported = reader.Problems.ShouldHaveSingleItem();
        reported.Key.ShouldBe("consul-alerts/config/" + key);
        reported.Problem.ShouldContain(problem);
    }

    [Fact]
    public void Parse_UnknownKind_ReportedAsUnknownKey()
    {
        var (parser, reader) = Create();

        Parse(parser, "notif-selection/regions/dc1", "ops");

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldBe("unknown configuration key");
    }
}
