using ConsulAlerts.Checks;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Tests.Muting;

public sealed class AlertMatcherTests
{
    private static readonly CheckInfo Web = new()
    {
        Node = "web-1", CheckId = "service:api", Name = "API health", ServiceId = "api-1", ServiceName = "api", Status = "critical", ServiceTags = ["prod", "eu-west"],
    };

    [Theory]
    [InlineData("node", "web-1", false, true, true)]
    [InlineData("node", "web", false, true, false)]
    [InlineData("node", "web", true, true, false)]
    [InlineData("node", "web-.*", true, true, true)]
    [InlineData("node", "web-1", false, false, false)]
    [InlineData("node", "db-.*", true, false, true)]
    [InlineData("service", "api", false, true, true)]
    [InlineData("service-id", "api-1", false, true, true)]
    [InlineData("check", "service:api", false, true, true)]
    [InlineData("check-name", "API .*", true, true, true)]
    [InlineData("status", "critical|warning", true, true, true)]
    [InlineData("status", "passing", false, false, true)]
    [InlineData("datacenter", "dc1", false, true, true)]
    [InlineData("service-tags", "prod", false, true, true)]
    [InlineData("service-tags", "eu-.*", true, true, true)]
    [InlineData("service-tags", "staging", false, true, false)]
    [InlineData("service-tags", "prod", false, false, false)]
    [InlineData("service-tags", "staging", false, false, true)]
    public void Matches_LabelValueRegexAndNegation_AsAlertmanagerDoes(string name, string value, bool isRegex, bool isEqual, bool expected)
    {
        var matcher = AlertMatcher.Create("k", name, value, isRegex, isEqual);

        matcher.Matches(new AlertSubject(Web, Web.Status, "dc1")).ShouldBe(expected);
    }

    [Fact]
    public void Matches_ServiceTagsOnNodeCheck_OnlyNegationHolds()
    {
        var node = Web with { ServiceTags = [] };

        AlertMatcher.Create("k", "service-tags", ".*", isRegex: true, isEqual: true).Matches(new AlertSubject(node, "critical", "dc1")).ShouldBeFalse();
        AlertMatcher.Create("k", "service-tags", "prod", isRegex: false, isEqual: false).Matches(new AlertSubject(node, "critical", "dc1")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "dc1", true)]
    [InlineData("", "dc2", false)]
    [InlineData("dc2", "dc2", true)]
    [InlineData("dc2", "dc1", false)]
    public void Matches_Datacenter_TheChecksOwnElseTheAgents(string checkDatacenter, string value, bool expected)
    {
        var matcher = AlertMatcher.Create("k", "datacenter", value, isRegex: false, isEqual: true);

        matcher.Matches(new AlertSubject(Web with { Datacenter = checkDatacenter }, Web.Status, "dc1")).ShouldBe(expected);
    }

    [Fact]
    public void Create_UnknownLabel_Throws()
    {
        Should.Throw<ArgumentException>(() => AlertMatcher.Create("k", "alertname", "x", isRegex: false, isEqual: true));
    }

    [Theory]
    [InlineData("node", "a", false, true, "node=\"a\"")]
    [InlineData("node", "a.*", true, true, "node=~\"a.*\"")]
    [InlineData("status", "passing", false, false, "status!=\"passing\"")]
    [InlineData("check", "^_", true, false, "check!~\"^_\"")]
    public void ToString_AlertmanagerNotation(string name, string value, bool isRegex, bool isEqual, string expected)
    {
        AlertMatcher.Create("k", name, value, isRegex, isEqual).ToString().ShouldBe(expected);
    }
}
