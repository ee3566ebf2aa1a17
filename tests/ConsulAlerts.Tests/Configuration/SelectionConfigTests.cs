using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class SelectionConfigTests
{
    private static readonly SelectionConfig Selection = new()
    {
        Services = Rules("web", "by-service"),
        Checks = Rules("c1", "by-check"),
        Hosts = Rules("n1", "by-host"),
        Status = Rules("critical", "by-status"),
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

    private static SelectionRules Rules(string id, string profile) =>
        new() { Exact = new Dictionary<string, string>(StringComparer.Ordinal) { [id] = profile } };
}
