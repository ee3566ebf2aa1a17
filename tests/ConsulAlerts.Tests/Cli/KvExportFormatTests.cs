using System.Text;
using ConsulAlerts.Cli;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Cli;

public sealed class KvExportFormatTests
{
    [Fact]
    public void Write_ThenRead_SameEntries()
    {
        KvExportEntry[] entries =
        [
            new("consul-alerts/config/checks/enabled", 0, Encoding.UTF8.GetBytes("true")),
            new("consul-alerts/config/notifiers/log/path", 42, Encoding.UTF8.GetBytes("/tmp/ä.log")),
            new("consul-alerts/config/checks/blacklist/nodes/n1", 0, []),
        ];
        var problems = new List<ConfigError>();

        var read = KvExportFormat.Read(KvExportFormat.Write(entries), problems);

        problems.ShouldBeEmpty();
        read.Select(e => (e.Key, e.Flags, Encoding.UTF8.GetString(e.Value)))
            .ShouldBe(entries.Select(e => (e.Key, e.Flags, Encoding.UTF8.GetString(e.Value))));
    }

    [Fact]
    public void Write_ConsulKvExportShape()
    {
        string json = KvExportFormat.Write([new("a/config/x", 3, Encoding.UTF8.GetBytes("hi"))]);

        json.ShouldBe("[\n\t{\n\t\t\"key\": \"a/config/x\",\n\t\t\"flags\": 3,\n\t\t\"value\": \"aGk=\"\n\t}\n]");
    }

    [Fact]
    public void Read_NullValueAndMissingFlags_EmptyValueFlagsZero()
    {
        var problems = new List<ConfigError>();

        var read = KvExportFormat.Read("""[{"key": "p/config/checks/blacklist/nodes/n1", "value": null}]""", problems);

        problems.ShouldBeEmpty();
        read.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Flags.ShouldBe(0UL), e => e.Value.ShouldBeEmpty());
    }

    [Theory]
    [InlineData("not json", "(file)", "not valid JSON")]
    [InlineData("""{"key": "a"}""", "(file)", "expected a JSON array")]
    [InlineData("""[1]""", "(element 0)", "expected an object")]
    [InlineData("""[{"flags": 0, "value": ""}]""", "(element 0)", "no \"key\"")]
    [InlineData("""[{"key": "a/config/x", "flags": -1, "value": ""}]""", "a/config/x", "\"flags\" must be a whole number")]
    [InlineData("""[{"key": "a/config/x", "flags": 0, "value": "%%%"}]""", "a/config/x", "not valid base64")]
    [InlineData("""[{"key": "a/config/x", "flags": 0, "value": 5}]""", "a/config/x", "must be a base64 string")]
    [InlineData("""[{"key": "a/config/x", "flags": 0, "value": "", "Session": "s"}]""", "a/config/x", "unknown property 'Session'")]
    public void Read_Malformed_ReportedWithKey(string json, string key, string problem)
    {
        var problems = new List<ConfigError>();

        KvExportFormat.Read(json, problems);

        var error = problems.ShouldHaveSingleItem();
        error.Key.ShouldBe(key);
        error.Message.ShouldContain(problem);
    }
}
