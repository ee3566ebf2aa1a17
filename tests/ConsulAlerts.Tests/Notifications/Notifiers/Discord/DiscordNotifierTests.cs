using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Discord;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Discord;

public sealed class DiscordNotifierTests
{
    private static DiscordNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_Batch_PostsContentAndOneColouredEmbedPerCheck()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 204;
        var config = Config("discord", ("url", receiver.Url(SecretPath)), ("cluster-name", "prod"), ("username", "consul"), ("avatar-url", "https://example.com/a.png"));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath);
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("content").GetString().ShouldBe("prod is CRITICAL\nFail: 1, Warn: 0, Pass: 1");
        json.GetProperty("username").GetString().ShouldBe("consul");
        json.GetProperty("avatar_url").GetString().ShouldBe("https://example.com/a.png");
        json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength().ShouldBe(0);
        var embeds = json.GetProperty("embeds").EnumerateArray().ToList();
        embeds.Count.ShouldBe(2);
        embeds[0].GetProperty("title").GetString().ShouldBe("node1:web:HTTP on :80 is critical");
        embeds[0].GetProperty("description").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        embeds[0].GetProperty("color").GetInt32().ShouldBe(0xD32F2F);
        embeds[1].GetProperty("color").GetInt32().ShouldBe(0x2E7D32);
    }

    [Fact]
    public async Task NotifyAsync_NoOverrides_LeavesOutUsernameAndAvatar()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier().NotifyAsync(CriticalAndPassing(), Config("discord", ("url", receiver.Url(SecretPath))), CancellationToken.None);

        var json = receiver.Single().Json();
        json.TryGetProperty("username", out _).ShouldBeFalse();
        json.TryGetProperty("avatar_url", out _).ShouldBeFalse();
        json.GetProperty("content").GetString().ShouldStartWith("Consul Alerts is CRITICAL");
    }

    [Theory]
    [InlineData("critical", DiscordNotifier.Red)]
    [InlineData("warning", DiscordNotifier.Orange)]
    [InlineData("passing", DiscordNotifier.Green)]
    public void Color_PerStatus(string status, int color) => DiscordNotifier.Color(status).ShouldBe(color);

    [Fact]
    public void Payload_ManyChecksAndLongOutput_StaysWithinDiscordLimits()
    {
        var messages = Enumerable.Range(0, 30).Select(i => Messages.Critical(node: new string('n', 300), output: new string('x', 5000))).ToList();

        var payload = DiscordNotifier.Payload(messages, DiscordNotifierConfig.From(Config("discord")));

        payload.Embeds.Count.ShouldBe(DiscordNotifier.MaxEmbeds);
        payload.Embeds[^1].Title.ShouldBe("and 21 more change(s)");
        payload.Embeds.Sum(e => e.Title.Length + (e.Description?.Length ?? 0)).ShouldBeLessThanOrEqualTo(6000);
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

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("discord", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url);
    }

    [Fact]
    public async Task NotifyAsync_RateLimited_IsRetryableAndNamesTheWait()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 429;
        receiver.ResponseHeaders["Retry-After"] = "7";

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("discord", ("url", receiver.Url(SecretPath))), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("HTTP 429 Too Many Requests (retry after 7s)", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(7) });
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("discord", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url);
    }

    [Fact]
    public async Task NotifyAsync_NoUrl_FailsWithoutRetry() =>
        (await Notifier().NotifyAsync(CriticalAndPassing(), Config("discord"), CancellationToken.None))
            .ShouldBe(NotifyResult.Failed("no url configured", retryable: false));

    [Fact]
    public void Name_IsDiscord() => Notifier().Name.ShouldBe("discord");
}
