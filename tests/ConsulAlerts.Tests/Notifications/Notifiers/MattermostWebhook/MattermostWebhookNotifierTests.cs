using ConsulAlerts.Notifications.Notifiers.MattermostWebhook;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.MattermostWebhook;

public sealed class MattermostWebhookNotifierTests
{
    private static MattermostWebhookNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_Batch_PostsSlackCompatibleJsonWithTheGoDaemonsText()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var config = Config("mattermost-webhook", ("url", receiver.Url(SecretPath)), ("channel", "town-square"), ("username", "consul"), ("icon-url", "https://example.com/i.png"));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath);
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("text").GetString().ShouldBe(
            "Consul Alerts is CRITICAL.\n\nFail: 1, Warn: 0, Pass: 1\n" +
            "\nnode1:web:HTTP on :80 is critical.\nHTTP GET http://10.0.0.1/: 500" +
            "\nnode2::Serf Health Status is passing.\nAgent alive and reachable");
        json.GetProperty("channel").GetString().ShouldBe("town-square");
        json.GetProperty("username").GetString().ShouldBe("consul");
        json.GetProperty("icon_url").GetString().ShouldBe("https://example.com/i.png");
    }

    [Fact]
    public async Task NotifyAsync_NoOverrides_SendsOnlyText()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier().NotifyAsync(CriticalAndPassing(), Config("mattermost-webhook", ("url", receiver.Url(SecretPath)), ("cluster-name", "prod")), CancellationToken.None);

        var json = receiver.Single().Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["text"]);
        json.GetProperty("text").GetString().ShouldStartWith("prod is CRITICAL.");
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task NotifyAsync_ErrorStatus_FailsWithoutNamingTheUrl(int status, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;
        var url = receiver.Url(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("mattermost-webhook", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url);
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("mattermost-webhook", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url);
    }

    [Fact]
    public async Task NotifyAsync_NoUrl_FailsWithoutRetry() =>
        (await Notifier().NotifyAsync(CriticalAndPassing(), Config("mattermost-webhook"), CancellationToken.None))
            .ShouldBe(ConsulAlerts.Notifications.NotifyResult.Failed("no url configured", retryable: false));

    [Fact]
    public void Name_IsMattermostWebhook() => Notifier().Name.ShouldBe("mattermost-webhook");
}
