using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ClusterHealthParserTests
{
    private const string Root = "consul-alerts/config/";

    [Fact]
    public void Parse_NothingSet_EveryCheckOnWithDefaults()
    {
        var health = Parse().Checks.ClusterHealth;

        health.Enabled.ShouldBeTrue();
        ClusterHealthConfig.CheckIds.ShouldAllBe(id => health.IsOn(id));
        health.Interval.ShouldBe(TimeSpan.FromSeconds(10));
        health.UnreachableAfter.ShouldBe(TimeSpan.FromSeconds(60));
        health.PeersHold.ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("checks/consul-health/enabled", "false", "enabled", "false")]
    [InlineData("checks/consul-health/interval", "2s", "interval", "00:00:02")]
    [InlineData("checks/consul-health/interval", "1m30s", "interval", "00:01:30")]
    [InlineData("checks/consul-health/unreachable-after", "5s", "unreachable-after", "00:00:05")]
    [InlineData("checks/consul-health/peers-hold", "30m", "peers-hold", "00:30:00")]
    [InlineData("checks/consul-health/consul-peers/enabled", "false", "consul-peers", "off")]
    [InlineData("checks/consul-health/consul-agent/enabled", "f", "consul-agent", "off")]
    [InlineData("checks/consul-health/consul-leader/enabled", "true", "consul-leader", "on")]
    public void Parse_ValidValue_Applied(string key, string value, string what, string expected)
    {
        var config = Parse((key, value));

        config.Errors.ShouldBeEmpty();
        Describe(config.Checks.ClusterHealth, what).ShouldBe(expected);
    }

    [Theory]
    [InlineData("checks/consul-health/enabled", "yes", "not a boolean")]
    [InlineData("checks/consul-health/interval", "10", "not a Go duration")]
    [InlineData("checks/consul-health/interval", "500ms", "from 1s to 5m;")]
    [InlineData("checks/consul-health/interval", "6m", "from 1s to 5m;")]
    [InlineData("checks/consul-health/unreachable-after", "-1s", "from 1s to 1h;")]
    [InlineData("checks/consul-health/unreachable-after", "2h", "from 1s to 1h;")]
    [InlineData("checks/consul-health/peers-hold", "0s", "from 1s to 1h;")]
    [InlineData("checks/consul-health/consul-servers/enabled", "nope", "not a boolean")]
    public void Parse_BadValue_ReportedWithItsKeyAndDefaultKept(string key, string value, string problem)
    {
        var config = Parse((key, value));

        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + key);
        error.Message.ShouldContain(problem);
        config.Checks.ClusterHealth.ShouldBeEquivalentTo(new ClusterHealthConfig());
    }

    [Theory]
    [InlineData("checks/consul-health/consul-other/enabled")]
    [InlineData("checks/consul-health/threshold")]
    [InlineData("checks/consul-health/consul-leader/interval")]
    public void Parse_UnknownKey_ReportedAndIgnored(string key)
    {
        var config = Parse((key, "true"));

        config.Errors.ShouldHaveSingleItem().Key.ShouldBe(Root + key);
        ClusterHealthConfig.CheckIds.ShouldAllBe(id => config.Checks.ClusterHealth.IsOn(id));
    }

    [Fact]
    public void IsOn_WholeFeatureOff_NoCheckOn()
    {
        var health = Parse(("checks/consul-health/enabled", "false"), ("checks/consul-health/consul-leader/enabled", "true")).Checks.ClusterHealth;

        ClusterHealthConfig.CheckIds.ShouldAllBe(id => !health.IsOn(id));
    }

    private static string Describe(ClusterHealthConfig health, string what) => what switch
    {
        "enabled" => health.Enabled ? "true" : "false",
        "interval" => health.Interval.ToString(),
        "unreachable-after" => health.UnreachableAfter.ToString(),
        "peers-hold" => health.PeersHold.ToString(),
        _ => health.IsOn(what) ? "on" : "off",
    };

    private static AlertsConfig Parse(params (string Key, string Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = Root + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), "consul-alerts", 1);
}
