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

    [Fact]
    public void Parse_UnknownKind_ReportedAsUnknownKey()
    {
        var (parser, reader) = Create();

        Parse(parser, "checks/blacklist/datacenters", "[]");

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldBe("unknown configuration key");
    }
}
