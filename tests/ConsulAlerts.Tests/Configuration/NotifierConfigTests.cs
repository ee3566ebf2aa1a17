using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NotifierConfigTests
{
    [Fact]
    public void With_Overrides_ReplaceKeysInACopy()
    {
        var slack = new NotifierConfig("slack")
        {
            Enabled = true,
            Values = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = "#ops", ["username"] = "bot" },
        };

        var overridden = slack.With(new Dictionary<string, string> { ["channel"] = "#web" });

        overridden.Get("channel").ShouldBe("#web");
        overridden.Get("username").ShouldBe("bot");
        overridden.Enabled.ShouldBeTrue();
        slack.Get("channel").ShouldBe("#ops");
        slack.With(new Dictionary<string, string>()).ShouldBeSameAs(slack);
    }

    [Fact]
    public void ToString_NamesKeysNeverValues()
    {
        var webhook = new NotifierConfig("webhook") { Values = new Dictionary<string, string> { ["url"] = "https://hooks.example/SECRET" } };

        webhook.ToString().ShouldContain("url");
        webhook.ToString().ShouldNotContain("SECRET");
    }

    [Fact]
    public void Defaults_EveryKnownNotifierOnlyLogEnabled()
    {
        NotifierConfig.Defaults.Keys.ShouldBe(NotifierKeys.All.Keys, ignoreOrder: true);
        NotifierConfig.Defaults.Values.Where(n => n.Enabled).Select(n => n.Name).ShouldBe(["log"]);
    }
}
