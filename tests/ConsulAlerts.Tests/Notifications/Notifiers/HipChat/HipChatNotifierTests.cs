using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.HipChat;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.HipChat;

public sealed class HipChatNotifierTests
{
    private const string Token = "hc-SECRET-room-token";

    private static HipChatNotifier Notifier() => new(Clients(), TimeProvider.System);

    private static NotifierConfig HipChatConfig(string baseUrl, params (string Key, string Value)[] more) =>
        Config("hipchat", [("auth-token", Token), ("room-id", "ops"), ("base-url", baseUrl), .. more]);

    [Fact]
    public async Task NotifyAsync_Batch_PostsOneRoomNotificationWithTheBearerToken()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 204;
        var config = HipChatConfig(receiver.BaseUrl.ToString(), ("cluster-name", "prod"), ("from", "consul"));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/v2/room/ops/notification");
        request.Header("Authorization").ShouldBe($"Bearer {Token}");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("color").GetString().ShouldBe("red");
        json.GetProperty("notify").GetBoolean().ShouldBeTrue();
        json.GetProperty("message_format").GetString().ShouldBe("html");
        json.GetProperty("from").GetString().ShouldBe("consul");
        json.GetProperty("message").GetString().ShouldBe(
            "prod is <STRONG>CRITICAL</STRONG>. Fail: 1, Warn: 0, Pass: 1"
            + "<BR><STRONG><CODE>node1</CODE></STRONG>:web:HTTP on :80 is <STRONG>critical</STRONG>.<BR>HTTP GET http://10.0.0.1/: 500"
            + "<BR><STRONG><CODE>node2</CODE></STRONG>::Serf Health Status is <STRONG>passing</STRONG>.<BR>Agent alive and reachable");
    }

    [Theory]
    [InlineData("warning", "yellow")]
    [InlineData("passing", "green")]
    [InlineData("critical", "red")]
    public void Notification_Status_IsTheColour(string status, string color) =>
        HipChatNotifier.Notification([Messages.Critical() with { Status = status }], HipChatNotifierConfig.From(Config("hipchat"))).Color.ShouldBe(color);

    [Fact]
    public void Notification_Output_IsEscapedWithLineBreaks()
    {
        var notification = HipChatNotifier.Notification([Messages.Critical(output: "<b>bad</b> & worse\nline 2\n")], HipChatNotifierConfig.From(Config("hipchat")));

        notification.Message.ShouldEndWith("<BR>&lt;b&gt;bad&lt;/b&gt; &amp; worse<BR>line 2");
        notification.From.ShouldBeNull();
    }

    [Fact]
    public async Task NotifyAsync_BaseUrlWithTheApiVersion_IsNotGivenASecondOne()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync(CriticalAndPassing(), HipChatConfig(receiver.Url("/chat/v2/")), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Single().PathAndQuery.ShouldBe("/chat/v2/room/ops/notification");
    }

    [Fact]
    public async Task NotifyAsync_NoFrom_LeavesItOut()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync(CriticalAndPassing(), HipChatConfig(receiver.BaseUrl.ToString()), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Single().Json().TryGetProperty("from", out _).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), HipChatConfig(receiver.BaseUrl.ToString()), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.BaseUrl.ToString(), Token);
        }
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryableWithoutTheToken()
    {
        var url = LoopbackReceiver.RefusingUrl("/");

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), HipChatConfig(url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, Token);
    }

    [Theory]
    [InlineData("room-id", "no auth-token configured")]
    [InlineData("auth-token", "no room-id configured")]
    public async Task NotifyAsync_MissingSetting_FailsWithoutSending(string setKey, string error)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("hipchat", (setKey, "x"), ("base-url", receiver.BaseUrl.ToString())), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed(error, retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void ToString_NeverShowsTheToken() =>
        HipChatNotifierConfig.From(Config("hipchat", ("auth-token", Token))).ToString().ShouldNotContain("SECRET");

    [Fact]
    public void Name_IsHipChat() => Notifier().Name.ShouldBe("hipchat");
}
