using System.Text.Json;
using ConsulAlerts.Notifications.Notifiers.Slack;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Slack;

public sealed class SlackNotifierTests
{
    private static SlackNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_Simple_PostsTheGoDaemonsTextAsJson()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("slack", ("url", receiver.Url(SecretPath)), ("cluster-name", "prod")), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath);
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("text").GetString().ShouldBe(
            "prod is CRITICAL.\n\nFail: 1, Warn: 0, Pass: 1\n" +
            "\nnode1:web:HTTP on :80 is critical.\nHTTP GET http://10.0.0.1/: 500" +
            "\nnode2::Serf Health Status is passing.\nAgent alive and reachable");
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["text"]);
    }

    [Fact]
    public async Task NotifyAsync_SenderOverridesSet_SendsThem()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var config = Config("slack", ("url", receiver.Url(SecretPath)), ("channel", "#ops"), ("username", "consul"),
            ("icon-url", "https://example.com/i.png"), ("icon-emoji", ":fire:"));

        (await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None)).Success.ShouldBeTrue();

        var json = receiver.Single().Json();
        json.GetProperty("channel").GetString().ShouldBe("#ops");
        json.GetProperty("username").GetString().ShouldBe("consul");
        json.GetProperty("icon_url").GetString().ShouldBe("https://example.com/i.png");
        json.GetProperty("icon_emoji").GetString().ShouldBe(":fire:");
    }

    [Fact]
    public async Task NotifyAsync_Detailed_SendsOneAttachmentPerMessageColouredByStatus()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("slack", ("url", receiver.Url(SecretPath)), ("detailed", "true")), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var json = receiver.Single().Json();
        json.GetProperty("text").GetString().ShouldBe(":x: Consul Alerts is *CRITICAL*\n*Changes:* Fail = 1, Warn = 0, Pass = 1");
        var attachments = json.GetProperty("attachments").EnumerateArray().ToList();
        attachments.Count.ShouldBe(2);
        attachments[0].GetProperty("color").GetString().ShouldBe("danger");
        attachments[0].GetProperty("title").GetString().ShouldBe("node1:web:HTTP on :80 is critical");
        attachments[0].GetProperty("text").GetString().ShouldBe("```HTTP GET http://10.0.0.1/: 500```");
        attachments[0].GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("title").GetString(), f.GetProperty("value").GetString()))
            .ShouldBe([("Node", "node1"), ("Service", "web"), ("Check", "HTTP on :80"), ("Status", "critical")]);
        attachments[0].GetProperty("fields")[0].GetProperty("short").GetBoolean().ShouldBeTrue();
        attachments[1].GetProperty("color").GetString().ShouldBe("good");
        json.TryGetProperty("channel", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("critical", "danger")]
    [InlineData("warning", "warning")]
    [InlineData("passing", "good")]
    public void Color_PerStatus(string status, string color) => SlackNotifier.Color(status).ShouldBe(color);

    [Fact]
    public void Payload_MoreMessagesThanSlackShows_CountsTheRest()
    {
        var messages = Enumerable.Range(0, 150).Select(i => Messages.Critical(node: $"n{i}")).ToList();

        var payload = SlackNotifier.Payload(messages, SlackNotifierConfig.From(Config("slack", ("detailed", "t"))));

        payload.Attachments.ShouldNotBeNull().Count.ShouldBe(SlackNotifier.MaxAttachments);
        payload.Attachments[^1].Title.ShouldBe("and 51 more change(s)");
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

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("slack", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url);
        receiver.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("slack", ("url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, "127.0.0.1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hooks.slack.com/services/SECRET")]
    [InlineData("ftp://hooks.slack.com/services/SECRET")]
    public async Task NotifyAsync_MissingOrBadUrl_FailsWithoutRetry(string? url)
    {
        var config = url is null ? Config("slack") : Config("slack", ("url", url));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, url ?? "no url given");
    }

    [Fact]
    public void Name_IsSlack() => Notifier().Name.ShouldBe("slack");

    [Fact]
    public void Payload_Json_LeavesOutUnsetFields()
    {
        var payload = SlackNotifier.Payload(CriticalAndPassing(), SlackNotifierConfig.From(Config("slack")));

        var json = JsonSerializer.Serialize(payload, SlackJsonContext.Default.SlackPayload);

        json.ShouldStartWith("{\"text\":");
        json.ShouldNotContain("null");
    }
}
