using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class SelectionConfigTests
{
    private static readonly SelectionConfig Selection = new()
    {
        Services = Rules("web", "by-service"),
        ServiceTags = new SelectionRules
        {
            Exact = new Dictionary<string, string>(StringComparer.Ordinal) { ["canary"] = "by-tag", ["db"] = "by-db-tag" },
            Patterns = [(ConfiguredPattern.Compile("k", "^team-"), "by-tag-regex")],
        },
        Checks = Rules("c1", "by-check"),
        Hosts = Rules("n1", "by-host"),
        Status = Rules("critical", "by-status"),
        Datacenters = Rules("dc2", "by-datacenter"),
    };

    [Theory]
    [InlineData("n1", "web", "c1", "critical", "by-service")]
    [InlineData("n1", "api", "c1", "critical", "by-check")]
    [InlineData("n1", "api", "c2", "critical", "by-host")]
    [InlineData("n2", "api", "c2", "critical", "by-status")]
    [InlineData("n2", "api", "c2", "warning", "default")]
    [InlineData("n2", "", "c2", "warning", "default")]
    public void ProfileFor_ServiceCheckHostStatusThenDefault(string node, string service, string check, string status, string expected) =>
        Selection.ProfileFor(node, service, check, status).ShouldBe(expected);

    // Precedence: service, service tags, check, host, status, default.
    [Theory]
    [InlineData("n1", "web", "c1", "critical", "canary", "by-service")]
    [InlineData("n1", "api", "c1", "critical", "canary", "by-tag")]
    [InlineData("n1", "api", "c1", "critical", "v1,team-x", "by-tag-regex")]
    [InlineData("n1", "api", "c1", "critical", "team-x,db", "by-db-tag")]
    [InlineData("n1", "api", "c1", "critical", "db,canary", "by-db-tag")]
    [InlineData("n1", "api", "c1", "critical", "v1", "by-check")]
    [InlineData("n1", "api", "c2", "critical", "v1", "by-host")]
    [InlineData("n2", "api", "c2", "critical", "v1", "by-status")]
    [InlineData("n2", "api", "c2", "warning", "v1", "default")]
    [InlineData("n2", "api", "c2", "warning", "", "default")]
    public void ProfileFor_WithServiceTags_ServiceThenTagsThenCheckHostStatusDefault(string node, string service, string check, string status, string tags, string expected) =>
        Selection.ProfileFor(node, service, check, status, tags.Length == 0 ? [] : tags.Split(',')).ShouldBe(expected);

    // Precedence: host, then datacenter, then status; an unknown datacenter (empty) matches no datacenter entry.
    [Theory]
    [InlineData("n1", "c2", "critical", "dc2", "by-host")]
    [InlineData("n2", "c2", "critical", "dc2", "by-datacenter")]
    [InlineData("n2", "c2", "warning", "dc2", "by-datacenter")]
    [InlineData("n2", "c2", "critical", "dc1", "by-status")]
    [InlineData("n2", "c2", "critical", "", "by-status")]
    [InlineData("n2", "c2", "warning", "dc3", "default")]
    public void ProfileFor_WithDatacenter_AfterHostBeforeStatus(string node, string check, string status, string datacenter, string expected) =>
        Selection.ProfileFor(node, "api", check, status, [], datacenter).ShouldBe(expected);

    private static SelectionRules Rules(string id, string profile) =>
        new() { Exact = new Dictionary<string, string>(StringComparer.Ordinal) { [id] = profile } };
}
