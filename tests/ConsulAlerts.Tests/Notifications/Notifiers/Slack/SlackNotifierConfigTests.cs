using ConsulAlerts.Notifications.Notifiers.Slack;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Slack;

public sealed class SlackNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_UsesDefaults() =>
        SlackNotifierConfig.From(Config("slack")).ShouldBe(new SlackNotifierConfig(null, "Consul Alerts", null, null, null, null, false));

    [Fact]
    public void From_AllSet_ReadsEveryKey() =>
        SlackNotifierConfig.From(Config("slack", ("url", "https://hooks.example/x"), ("cluster-name", "prod"), ("channel", "#ops"),
                ("username", "bot"), ("icon-url", "https://i"), ("icon-emoji", ":x:"), ("detailed", "True")))
            .ShouldBe(new SlackNotifierConfig("https://hooks.example/x", "prod", "#ops", "bot", "https://i", ":x:", true));

    [Fact]
    public void From_BlankValues_AreUnset() =>
        SlackNotifierConfig.From(Config("slack", ("channel", " "), ("cluster-name", ""))).ShouldBe(SlackNotifierConfig.From(Config("slack")));

    [Fact]
    public void ToString_LeavesOutTheUrl() =>
        SlackNotifierConfig.From(Config("slack", ("url", "https://hooks.example/SECRET"))).ToString().ShouldNotContain("SECRET");
}
