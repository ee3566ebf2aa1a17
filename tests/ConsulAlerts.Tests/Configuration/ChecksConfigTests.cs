using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ChecksConfigTests
{
    private const string Root = "consul-alerts/config/checks/";

    [Theory]
    [InlineData("n1", "web", "c1", 1)]
    [InlineData("n2", "web", "c1", 2)]
    [InlineData("n1", "web", "c2", 3)]
    [InlineData("n1", "api", "c2", 4)]
    [InlineData("n2", "api", "c2", 5)]
    [InlineData("n1", "", "c3", 6)]
    [InlineData("n1", "_", "c3", 6)]
    [InlineData("n2", "", "c9", 7)]
    public void ThresholdFor_ParsedOverrides_SingleThenCheckThenServiceThenNodeThenGlobal(string node, string service, string check, int expectedSeconds)
    {
        var checks = Parse(
            ("single/n1/web/c1/change-threshold", "1"),
            ("single/n1/_/c3/change-threshold", "6"),
            ("check/c1/change-threshold", "2"),
            ("service/web/change-threshold", "3"),
            ("service/_/change-threshold", "7"),
            ("node/n1/change-threshold", "4"),
            ("change-threshold", "5"));

        checks.ThresholdFor(node, service, check).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void ThresholdFor_NoGlobal_DefaultSixtySeconds()
    {
        var checks = Parse(("node/n1/change-threshold", "4"));

        checks.ThresholdFor("n2", "web", "c1").ShouldBe(TimeSpan.FromSeconds(60));
        checks.ThresholdFor("n1", "web", "c1").ShouldBe(TimeSpan.FromSeconds(4));
        new ChecksConfig().ThresholdFor("n", "s", "c").ShouldBe(ChecksConfig.DefaultChangeThreshold);
    }

    [Fact]
    public void ThresholdFor_ZeroOverride_WinsOverGlobal()
    {
        var checks = Parse(("check/c1/change-threshold", "0"), ("change-threshold", "30"));

        checks.ThresholdFor("n", "s", "c1").ShouldBe(TimeSpan.Zero);
    }

    private static ChecksConfig Parse(params (string Key, string Value)[] entries)
    {
        var config = AlertsConfigParser.Parse(
            entries.Select(e => new KvPair { Key = Root + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), "consul-alerts", 1);
        config.Errors.ShouldBeEmpty();
        return config.Checks;
    }
}
