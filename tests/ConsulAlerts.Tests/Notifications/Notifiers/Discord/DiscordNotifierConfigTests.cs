using ConsulAlerts.Notifications.Notifiers.Discord;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Discord;

public sealed class DiscordNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_UsesDefaults() =>
        DiscordNotifierConfig.From(Config("discord")).ShouldBe(new DiscordNotifierConfig(null, "Consul Alerts", null, null));

    [Fact]
    public void From_AllSet_ReadsEveryKey() =>
        DiscordNotifierConfig.From(Config("discord", ("url", "https://discord/api/webhooks/1/x"), ("cluster-name", "prod"), ("username", "bot"), ("avatar-url", "https://a")))
            .ShouldBe(new DiscordNotifierConfig("https://discord/api/webhooks/1/x", "prod", "bot", "https://a"));

    [Fact]
    public void ToString_LeavesOutTheUrl() =>
        DiscordNotifierConfig.From(Config("discord", ("url", "https://discord/api/webhooks/1/SECRET"))).ToString().ShouldNotContain("SECRET");
}
