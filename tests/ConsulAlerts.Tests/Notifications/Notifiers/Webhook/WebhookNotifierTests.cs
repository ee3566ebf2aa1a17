using System.Text.Json;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Webhook;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Webhook;

public sealed class WebhookNotifierTests
{
    private const string Token = "tok-SECRET-123";

    private static WebhookNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_Batch_PostsTheMessagesAsCustomNotifiersGetThem()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var messages = CriticalAndPassing();

        var result = await Notifier().NotifyAsync(messages, Config("webhook", ("url", receiver.Url(SecretPath + "?key=SECRET"))), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath + "?key=SECRET");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        request.Header("Authorization").ShouldBeNull();
        request.Body.ShouldBe(JsonSerializer.Serialize<IReadOnlyList<Message>>(messages, NotificationsJsonContext.Default.IReadOnlyListMessage));
        var json = request.Json();
        json.GetArrayLength().ShouldBe(2);
        json[0].GetProperty("Node").GetString().ShouldBe("node1");
        json[0].GetProperty("Status").GetString().ShouldBe("critical");
        json[1].GetProperty("CheckId").GetString().ShouldBe("serfHealth");
        json[1].GetProperty("Status").GetString().ShouldBe("passing");
    }

    [Fact]
    public async Task NotifyAsync_TaggedAndUntaggedChecks_EachCarriesItsServiceTagsAfterTheGoFields()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var messages = CriticalAndPassing();
        messages[0] = messages[0] with { ServiceTags = ["v1", "team-web"] };

        var result = await Notifier().NotifyAsync(messages, Config("webhook", ("url", receiver.Url("/hook"))), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var json = receiver.Single().Json();
        json[0].GetProperty("ServiceTags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["v1", "team-web"]);
        json[1].GetProperty("ServiceTags").GetArrayLength().ShouldBe(0);
        json[0].EnumerateObject().Select(p => p.Name).ShouldBe(
            ["Node", "ServiceId", "Service", "CheckId", "Check", "Status", "Output", "Notes", "Interval", "RmdCheck", "NotifList", "VarOverrides", "Timestamp", "ServiceTags"]);
    }

    [Fact]
    public async Task NotifyAsync_HeadersAndToken_SendsThem()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var config = Config("webhook", ("url", receiver.Url(SecretPath)), ("headers", """{"X-Team":"ops","X-Api-Key":"k1"}"""), ("bearer-token", Token));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Header("X-Team").ShouldBe("ops");
        request.Header("X-Api-Key").ShouldBe("k1");
        request.Header("Authorization").ShouldBe($"Bearer {Token}");
    }

    [Fact]
    public async Task NotifyAsync_ContentHeader_IsSentToo()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var config = Config("webhook", ("url", receiver.Url(SecretPath)), ("headers", """{"Content-Encoding":"identity"}"""));

        (await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None)).Success.ShouldBeTrue();

        receiver.Single().Header("Content-Encoding").ShouldBe("identity");
    }

    [Theory]
    [InlineData("""["a"]""", "headers is not a JSON object")]
    [InlineData("""{"X-Key":1}""", "headers: the value of member 1 is not a string")]
    [InlineData("""{"X-Key":""", "headers is not valid JSON")]
    [InlineData("""{"Bad Name":"SECRET"}""", "headers: member 1 is not a valid header name")]
    public async Task NotifyAsync_BadHeaders_FailsWithoutSendingOrQuotingValues(string headers, string error)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("webhook", ("url", receiver.Url(SecretPath)), ("headers", headers)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed(error, retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public async Task NotifyAsync_ErrorStatus_FailsWithoutNamingTheUrlOrToken(int status, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;
        var url = receiver.Url(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("webhook", ("url", url), ("bearer-token", Token)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url, Token);
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("webhook", ("url", url), ("bearer-token", Token)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, Token);
    }

    [Fact]
    public async Task NotifyAsync_NoUrl_FailsWithoutRetry() =>
        (await Notifier().NotifyAsync(CriticalAndPassing(), Config("webhook"), CancellationToken.None))
            .ShouldBe(NotifyResult.Failed("no url configured", retryable: false));

    [Fact]
    public async Task NotifyAsync_Cancelled_Throws()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Notifier().NotifyAsync(CriticalAndPassing(), Config("webhook", ("url", receiver.Url(SecretPath))), cancelled.Token));
    }

    [Fact]
    public void Name_IsWebhook() => Notifier().Name.ShouldBe("webhook");

    [Fact]
    public async Task NotifyAsync_MessageWithProfileOverrides_BodyCarriesNoSettingOrSecret()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.WithOverrides()], Config("webhook", ("url", receiver.Url(SecretPath))), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var body = receiver.Single().Body;
        foreach (var secret in Messages.ForeignSecrets)
        {
            body.ShouldNotContain(secret);
        }

        body.ShouldNotContain("db-oncall");
        var message = receiver.Single().Json()[0];
        message.GetProperty("VarOverrides").EnumerateObject().ShouldBeEmpty();
        message.GetProperty("NotifList").GetProperty("slack").GetBoolean().ShouldBeTrue("the Go fields receivers use stay");
    }
}
