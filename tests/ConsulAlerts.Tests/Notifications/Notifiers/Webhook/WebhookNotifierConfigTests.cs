using ConsulAlerts.Notifications.Notifiers.Webhook;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Webhook;

public sealed class WebhookNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_HasNoHeadersOrToken()
    {
        var config = WebhookNotifierConfig.From(Config("webhook"));

        config.Url.ShouldBeNull();
        config.Headers.ShouldBeEmpty();
        config.BearerToken.ShouldBeNull();
        config.Error.ShouldBeNull();
    }

    [Fact]
    public void From_AllSet_ReadsHeadersInOrder()
    {
        var config = WebhookNotifierConfig.From(Config("webhook", ("url", "https://h/x"), ("headers", """{"B":"2","A":"1"}"""), ("bearer-token", "t")));

        config.Url.ShouldBe("https://h/x");
        config.Headers.ShouldBe([new("B", "2"), new("A", "1")]);
        config.BearerToken.ShouldBe("t");
        config.Error.ShouldBeNull();
    }

    [Fact]
    public void ToString_NamesHeaderNamesOnly()
    {
        var text = WebhookNotifierConfig.From(Config("webhook", ("url", "https://h/SECRET"), ("headers", """{"X-Key":"SECRET"}"""), ("bearer-token", "SECRET"))).ToString();

        text.ShouldContain("X-Key");
        text.ShouldNotContain("SECRET");
    }
}
