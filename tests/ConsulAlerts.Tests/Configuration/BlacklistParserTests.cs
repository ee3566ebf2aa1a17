using System.Text;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class BlacklistParserTests
{
    private static (BlacklistParser Parser, ConfigValueReader Reader) Create()
    {
        var reader = new ConfigValueReader();
        return (new BlacklistParser(reader), reader);
    }

    private static void Parse(BlacklistParser parser, string key, string value) =>
        parser.Parse("consul-alerts/config/" + key, key.Split('/'), Encoding.UTF8.GetBytes(value));

    [Fact]
    public void Parse_PresenceKeys_MuteWhateverTheirValue()
    {
        var (parser, reader) = Create();

        Parse(parser, "checks/blacklist/nodes/db-1", "");
        Parse(parser, "checks/blacklist/checks/disk/usage", "anything");
        Parse(parser, "checks/blacklist/single/web-1/api/http", "");
        var blacklist = parser.Build();

        reader.Problems.ShouldBeEmpty();
        blacklist.Nodes.Exact.ShouldContain("db-1");
        blacklist.Checks.Exact.ShouldContain("disk/usage");
        blacklist.Single.ShouldContain(ThresholdOverrides.SingleKey("web-1", "api", "http"));
        blacklist.Services.ShouldBe(NameMatcher.None);
    }

    [Fact]
    public void Parse_PatternList_BadPatternReportedOthersKept()
    {
        var (parser, reader) = Create();

        Parse(parser, "checks/blacklist/services", """["^web-", "(", "db$"]""");

        parser.Build().Services.Patterns.Count.ShouldBe(2);
        reader.Problems.ShouldHaveSingleItem().Problem.ShouldContain("pattern 2");
    }

    [Theory]
    [InlineData("checks/blacklist/datacenters/dc2", "", "dc2", 0)]
    [InlineData("checks/blacklist/datacenters", """["^lab-"]""", null, 1)]
    public void Parse_Datacenters_ExactKeysAndPatternList(string key, string value, string? exact, int patterns)
    {
        var (parser, reader) = Create();

        Parse(parser, key, value);
        var datacenters = parser.Build().Datacenters;

        reader.Problems.ShouldBeEmpty();
        datacenters.Exact.ShouldBe(exact is null ? [] : [exact]);
        datacenters.Patterns.Count.ShouldBe(patterns);
    }

    [Theory]
    [InlineData("checks/blacklist/service-tags/canary", "", "canary", 0)]
    [InlineData("checks/blacklist/service-tags/path/with/slash", "anything", "path/with/slash", 0)]
    [InlineData("checks/blacklist/service-tags", """["^team-", "canary$"]""", null, 2)]
    [InlineData("checks/blacklist/service-tags", "[]", null, 0)]
    public void Parse_ServiceTags_ExactKeysAndPatternList(string key, string value, string? exact, int patterns)
    {
        var (parser, reader) = Create();

        Parse(parser, key, value);
        var tags = parser.Build().ServiceTags;

        reader.Problems.ShouldBeEmpty();
        if (exact is not null)
        {
            tags.Exact.ShouldBe([exact]);
        }

        tags.Patterns.Count.ShouldBe(patterns);
    }

    [Theory]
    [InlineData("""["^ok", "("]""", "pattern 2 is not a valid regular expression")]
    [InlineData("""{"canary": true}""", "expected an array")]
    [InlineData("""["ok", 5]""", "must be a string, not a number")]
    [InlineData("canary", "not valid JSON")]
    public void Parse_BadServiceTagsList_ReportedWithItsKey(string value, string problem)
    {
        var (parser, reader) = Create();

        Parse(parser, "checks/blacklist/service-tags", value);

        var reported = reader.Problems.ShouldHaveSingleItem();
        reported.Key.ShouldBe("consul-alerts/config/checks/blacklist/service-tags");
        reported.Problem.ShouldContain(problem);
    }

    [Fact]
    public void Parse_UnknownKind_ReportedAsUnknownKey()
    {
        var (parser, reader) = Create();

        Parse(parser, "checks/blacklist/regions", "[]");

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldBe("unknown configuration key");
    }
}
