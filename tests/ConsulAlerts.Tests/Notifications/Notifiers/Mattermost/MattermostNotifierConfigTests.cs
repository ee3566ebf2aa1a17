using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.Mattermost;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Mattermost;

public sealed class MattermostNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_DefaultsAndReportsTheUrlMissing()
    {
        var config = MattermostNotifierConfig.From(Config("mattermost"));

        config.ClusterName.ShouldBe("Consul Alerts");
        config.Detailed.ShouldBeFalse();
        config.Missing().ShouldBe("no url configured");
    }

    [Fact]
    public void From_AllSet_ReadsEveryKey()
    {
        var config = MattermostNotifierConfig.From(Config("mattermost", ("url", "https://chat.example.com"), ("cluster-name", "prod"),
            ("username", "bot"), ("password", "pw"), ("team", "ops"), ("channel", "alerts"), ("detailed", "1")));

        config.ShouldBe(new MattermostNotifierConfig("https://chat.example.com", "prod", "bot", "pw", "ops", "alerts", true));
        config.Missing().ShouldBeNull();
    }

    [Theory]
    [InlineData("https://chat.example.com", "https://chat.example.com")]
    [InlineData("https://chat.example.com/", "https://chat.example.com")]
    [InlineData("https://chat.example.com/mm/?x=1", "https://chat.example.com/mm")]
    [InlineData("chat.example.com:8065", "http://chat.example.com:8065")]
    [InlineData("chat.example.com", "http://chat.example.com")]
    public void TryServerUrl_AcceptedForms_GiveTheApiBase(string url, string expected)
    {
        var config = MattermostNotifierConfig.From(Config("mattermost", ("url", url)));

        config.TryServerUrl(out var server, out var error).ShouldBeTrue(error);
        server.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ftp://chat.example.com")]
    [InlineData("http://")]
    public void TryServerUrl_NotHttp_Fails(string url)
    {
        var config = MattermostNotifierConfig.From(Config("mattermost", ("url", url)));

        config.TryServerUrl(out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
    }

    [Fact]
    public void ToString_NeverShowsThePassword() =>
        MattermostNotifierConfig.From(Config("mattermost", ("username", "bot"), ("password", "pa55-SECRET"))).ToString().ShouldNotContain("SECRET");

    [Fact]
    public void PasswordKey_IsASecretInTheSchema() => NotifierKeys.IsSecret("mattermost", "password").ShouldBeTrue();
}
