using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Tests.Configuration;

public sealed class InhibitRuleParserTests
{
    private const string Root = "consul-alerts/config/";

    [Fact]
    public void Parse_NoRules_BuiltInNodeDownOnly()
    {
        Parse().InhibitRules.ShouldBe([InhibitRule.NodeDown]);
    }

    [Fact]
    public void Parse_ValidRule_LoadedAfterTheBuiltIn()
    {
        var config = Parse(("inhibit/db-down", """{"source":[{"name":"check","value":"db"},{"name":"status","value":"critical"}],"target":[{"name":"service","value":"api"}],"equal":["node","datacenter"]}"""));

        config.Errors.ShouldBeEmpty();
        config.InhibitRules.Select(r => r.Name).ShouldBe([InhibitRule.NodeDownName, "db-down"]);
        var rule = config.InhibitRules[1];
        rule.Source.Select(m => m.ToString()).ShouldBe(["check=\"db\"", "status=\"critical\""]);
        rule.Target.Select(m => m.ToString()).ShouldBe(["service=\"api\""]);
        rule.Equal.ShouldBe(["node", "datacenter"]);
    }

    [Fact]
    public void Parse_NodeDownDisabled_NoRuleInForce()
    {
        var config = Parse(("inhibit/node-down", """{"enabled": false}"""));

        config.Errors.ShouldBeEmpty();
        config.InhibitRules.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"target":[]}""", "source: required")]
    [InlineData("""{"source":[]}""", "source: at least one matcher required")]
    [InlineData("""{"source":[{"name":"bogus","value":"x"}]}""", "source[0].name: unknown label")]
    [InlineData("""{"source":[{"name":"check","value":"x"}],"target":[{"name":"node","value":"[","isRegex":true}]}""", "target[0].value: not a valid regular expression")]
    [InlineData("""{"source":[{"name":"check","value":"x"}],"equal":["zone"]}""", "equal[0]: unknown label")]
    [InlineData("""{"source":[{"name":"check","value":"x"}],"equal":["service-tags"]}""", "equal[0]: service-tags holds several values")]
    [InlineData("""{"source":[{"name":"check","value":"x"}],"enabled":"no"}""", "enabled: expected true or false")]
    [InlineData("""{"source":[{"name":"check","value":"x"}],"sources":[]}""", "unknown field")]
    [InlineData("""[1]""", "expected an object")]
    [InlineData("""not json""", "")]
    public void Parse_BadRule_NotLoadedAndTheKeyAndFieldNamed(string json, string expected)
    {
        var config = Parse(("inhibit/bad", json));

        config.InhibitRules.ShouldBe([InhibitRule.NodeDown]);
        var error = config.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(Root + "inhibit/bad");
        error.Message.ShouldContain(expected);
        error.Message.ShouldContain("rule 'bad' is not loaded");
    }

    [Fact]
    public void Parse_TwoProblems_BothReportedTogether()
    {
        var config = Parse(("inhibit/bad", """{"source":[{"name":"bogus","value":"x"}],"equal":["zone"]}"""));

        var message = config.Errors.ShouldHaveSingleItem().Message;
        message.ShouldContain("source[0].name");
        message.ShouldContain("equal[0]");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Parse_MaintenanceMutes_ReadAsABoolean(string value, bool expected)
    {
        Parse(("checks/maintenance-mutes", value)).Checks.MaintenanceMutes.ShouldBe(expected);
    }

    [Fact]
    public void Parse_MaintenanceMutesNotABoolean_DefaultKeptAndKeyNamed()
    {
        var config = Parse(("checks/maintenance-mutes", "sometimes"));

        config.Checks.MaintenanceMutes.ShouldBeTrue();
        config.Errors.ShouldHaveSingleItem().Key.ShouldBe(Root + "checks/maintenance-mutes");
    }

    private static AlertsConfig Parse(params (string Key, string Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = Root + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), "consul-alerts", 1);
}
