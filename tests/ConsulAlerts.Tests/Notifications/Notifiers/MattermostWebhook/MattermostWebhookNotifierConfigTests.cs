using ConsulAlerts.Notifications.Notifiers.MattermostWebhook;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.MattermostWebhook;

public sealed class MattermostWebhookNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_UsesDefaults() =>
        MattermostWebhookNotifierConfig.From(Config("mattermost-webhook")).ShouldBe(new MattermostWebhookNotifierConfig(null, "Consul Alerts", null, null, null));

    [Fact]
    public void From_AllSet_ReadsEveryKey() =>
        MattermostWebhookNotifierConfig.From(Config("mattermost-webhook", ("url", "https://mm/hooks/x"), ("cluster-name", "prod"), ("channel", "ops"), ("username", "bot"), ("icon-url", "https://i")))
            .ShouldBe(new MattermostWebhookNotifierConfig("https://mm/hooks/x", "prod", "ops", "bot", "https://i"));

    [Fact]
    public void ToString_LeavesOutTheUrl() =>
        MattermostWebhookNotifierConfig.From(Config("mattermost-webhook", ("url", "https://mm/hooks/SECRET"))).ToString().ShouldNotContain("SECRET");
}
