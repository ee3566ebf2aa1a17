using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ThresholdOverridesTests
{
    private static readonly ThresholdOverrides Layered = new()
    {
        Single = new Dictionary<string, TimeSpan> { ["n1/web/c1"] = Seconds(1), ["n1/_/c3"] = Seconds(6) },
        Check = new Dictionary<string, TimeSpan> { ["c1"] = Seconds(2), ["c3"] = Seconds(8) },
        Service = new Dictionary<string, TimeSpan> { ["web"] = Seconds(3), ["_"] = Seconds(7) },
        Node = new Dictionary<string, TimeSpan> { ["n1"] = Seconds(4) },
    };

    [Theory]
    [InlineData("n1", "web", "c1", 1)]
    [InlineData("n2", "web", "c1", 2)]
    [InlineData("n1", "api", "c1", 2)]
    [InlineData("n1", "web", "c2", 3)]
    [InlineData("n1", "api", "c2", 4)]
    [InlineData("n1", "_", "c3", 6)]
    [InlineData("n2", "_", "c3", 8)]
    [InlineData("n2", "_", "c9", 7)]
    [InlineData("n1", "_", "c9", 7)]
    public void Find_SeveralLayers_MostSpecificWins(string node, string service, string check, int expectedSeconds) =>
        Layered.Find(node, service, check).ShouldBe(Seconds(expectedSeconds));

    [Theory]
    [InlineData("n2", "api", "c2")]
    [InlineData("N1", "Web", "C1")]
    public void Find_NothingApplies_Null(string node, string service, string check) =>
        Layered.Find(node, service, check).ShouldBeNull();

    [Fact]
    public void Find_None_NullForEveryCheck()
    {
        ThresholdOverrides.None.Find("n1", "web", "c1").ShouldBeNull();
        AlertsConfig.Default.Checks.ThresholdFor("n1", "", "c1").ShouldBe(ChecksConfig.DefaultChangeThreshold);
    }

    [Fact]
    public void SingleKey_JoinsWithSlashes() => ThresholdOverrides.SingleKey("n", "_", "serfHealth").ShouldBe("n/_/serfHealth");

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);
}
