using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.MsTeams;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.MsTeams;

public sealed class MsTeamsNotifierTests
{
    private static MsTeamsNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_Batch_PostsAMessageCard()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("msteams", ("url", receiver.Url(SecretPath)), ("cluster-name", "prod")), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath);
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("@type").GetString().ShouldBe("MessageCard");
        json.GetProperty("@context").GetString().ShouldBe("https://schema.org/extensions");
        json.GetProperty("summary").GetString().ShouldBe("prod is CRITICAL");
        json.GetProperty("title").GetString().ShouldBe("prod is CRITICAL");
        json.GetProperty("themeColor").GetString().ShouldBe("D32F2F");
        json.GetProperty("text").GetString().ShouldBe("Fail: 1, Warn: 0, Pass: 1");
        var sections = json.GetProperty("sections").EnumerateArray().ToList();
        sections.Count.ShouldBe(2);
        sections[0].GetProperty("activityTitle").GetString().ShouldBe("node1:web:HTTP on :80 is critical");
        sections[0].GetProperty("text").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        sections[0].GetProperty("markdown").GetBoolean().ShouldBeFalse();
        sections[0].GetProperty("facts").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("value").GetString()))
            .ShouldBe([("Node", "node1"), ("Service", "web"), ("Check", "HTTP on :80"), ("Status", "critical")]);
        sections[1].GetProperty("activityTitle").GetString().ShouldBe("node2::Serf Health Status is passing");
    }

    [Theory]
    [InlineData("critical", "D32F2F")]
    [InlineData("warning", "F9A825")]
    [InlineData("passing", "2E7D32")]
    public void Card_ThemeColor_FollowsSystemStatus(string status, string color) =>
        MsTeamsNotifier.Card([new Message { Status = status }], "c").ThemeColor.ShouldBe(color);

    [Fact]
    public void Card_ManyChecksAndLongOutput_StaysBounded()
    {
        var messages = Enumerable.Range(0, 25).Select(i => Messages.Critical(node: $"n{i}", output: new string('x', 5000))).ToList();

        var card = MsTeamsNotifier.Card(messages, "c");

        card.Sections.Count.ShouldBe(MsTeamsNotifier.MaxSections);
        card.Sections[^1].ActivityTitle.ShouldBe("and 16 more change(s)");
        card.Sections[0].Text.ShouldNotBeNull().Length.ShouldBe(MsTeamsNotifier.MaxOutputChars);
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

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("msteams", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url);
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("msteams", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url);
    }

    [Fact]
    public async Task NotifyAsync_NoUrl_FailsWithoutRetry() =>
        (await Notifier().NotifyAsync(CriticalAndPassing(), Config("msteams"), CancellationToken.None))
            .ShouldBe(NotifyResult.Failed("no url configured", retryable: false));

    [Fact]
    public void Name_IsMsTeams() => Notifier().Name.ShouldBe("msteams");
}
