using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class BlacklistConfigTests
{
    private static readonly BlacklistConfig Blacklist = new()
    {
        Nodes = Exact("node-x"),
        Services = Exact("_", "legacy"),
        Checks = Exact("noisy"),
        Status = Exact("warning"),
        Single = new HashSet<string>(StringComparer.Ordinal) { "n1/_/serfHealth", "n1/web/c1" },
    };

    [Theory]
    [InlineData("node-x", "web", "c", "critical", true)]
    [InlineData("n", "legacy", "c", "critical", true)]
    [InlineData("n", "", "c", "critical", false)]
    [InlineData("n", "web", "noisy", "critical", true)]
    [InlineData("n", "web", "c", "warning", true)]
    [InlineData("n1", "", "serfHealth", "critical", true)]
    [InlineData("n1", "web", "c1", "critical", true)]
    [InlineData("n1", "web", "serfHealth", "critical", false)]
    [InlineData("n2", "web", "c1", "critical", false)]
    public void IsBlacklisted_AnyRule_Mutes(string node, string service, string check, string status, bool expected) =>
        Blacklist.IsBlacklisted(node, service, check, status).ShouldBe(expected);

    [Theory]
    [InlineData("canary", true)]
    [InlineData("v1,canary", true)]
    [InlineData("canary-eu", false)]
    [InlineData("v1,blue", false)]
    [InlineData("team-db", true)]
    [InlineData("v1,x-team-dbz", true)]
    [InlineData("Canary", false)]
    [InlineData("", false)]
    public void IsBlacklisted_AnyServiceTagListedOrMatching_Mutes(string tags, bool expected)
    {
        var blacklist = new BlacklistConfig
        {
            ServiceTags = new NameMatcher
            {
                Exact = new HashSet<string>(["canary"], StringComparer.Ordinal),
                Patterns = [ConfiguredPattern.Compile("consul-alerts/config/checks/blacklist/service-tags", "team-db")],
            },
        };

        blacklist.IsBlacklisted("n", "web", "c", "critical", tags.Length == 0 ? [] : tags.Split(',')).ShouldBe(expected);
    }

    [Fact]
    public void IsBlacklisted_WithoutTags_TagRulesMuteNothing()
    {
        var blacklist = new BlacklistConfig { ServiceTags = Exact("canary") };

        blacklist.IsBlacklisted("n", "web", "c", "critical").ShouldBeFalse();
        blacklist.IsBlacklisted("n", "web", "c", "critical", ["canary"]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("dc2", true)]
    [InlineData("dc2-east", true)]
    [InlineData("dc1", false)]
    [InlineData("", false)]
    public void IsBlacklisted_DatacenterListedOrMatching_Mutes(string datacenter, bool expected)
    {
        var blacklist = new BlacklistConfig
        {
            Datacenters = new NameMatcher { Exact = new HashSet<string>(["dc2"], StringComparer.Ordinal), Patterns = [ConfiguredPattern.Compile("k", "-east$")] },
        };

        blacklist.IsBlacklisted("n", "s", "c", "critical", [], datacenter: datacenter).ShouldBe(expected);
    }

    [Fact]
    public void IsBlacklisted_Empty_NothingMuted() => new BlacklistConfig().IsBlacklisted("n", "s", "c", "critical").ShouldBeFalse();

    private static NameMatcher Exact(params string[] names) => new() { Exact = new HashSet<string>(names, StringComparer.Ordinal) };
}
