using ConsulAlerts.Notifications.Notifiers.MsTeams;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.MsTeams;

public sealed class MsTeamsNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_UsesDefaults() =>
        MsTeamsNotifierConfig.From(Config("msteams")).ShouldBe(new MsTeamsNotifierConfig(null, "Consul Alerts"));

    [Fact]
    public void From_AllSet_ReadsEveryKey() =>
        MsTeamsNotifierConfig.From(Config("msteams", ("url", " https://teams/webhook/x "), ("cluster-name", "prod")))
            .ShouldBe(new MsTeamsNotifierConfig("https://teams/webhook/x", "prod"));

    [Fact]
    public void ToString_LeavesOutTheUrl() =>
        MsTeamsNotifierConfig.From(Config("msteams", ("url", "https://teams/webhook/SECRET"))).ToString().ShouldNotContain("SECRET");
}
