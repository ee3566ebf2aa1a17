using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.Mattermost;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Notifiers.Mattermost.FakeMattermostServer;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Mattermost;

public sealed class MattermostNotifierTests : IDisposable
{
    private const string PlainText =
        "prod is CRITICAL.\n\nFail: 1, Warn: 0, Pass: 1\n" +
        "\nnode1:web:HTTP on :80 is critical.\nHTTP GET http://10.0.0.1/: 500" +
        "\nnode2::Serf Health Status is passing.\nAgent alive and reachable";

    private readonly FakeLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public MattermostNotifierTests() => _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task NotifyAsync_FirstDelivery_LogsInFindsTheChannelAndPostsTheGoDaemonsText()
    {
        await using var server = await StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var requests = server.Requests;
        requests.Select(r => (r.Method, r.PathAndQuery)).ShouldBe(
        [
            ("POST", "/api/v4/users/login"),
            ("GET", $"/api/v4/teams/name/{Team}"),
            ("GET", $"/api/v4/teams/{TeamId}/channels/name/{Channel}"),
            ("POST", "/api/v4/posts"),
        ]);
        var login = requests[0];
        login.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        login.Header("Authorization").ShouldBeNull();
        login.Json().GetProperty("login_id").GetString().ShouldBe(Username);
        login.Json().GetProperty("password").GetString().ShouldBe(Password);
        requests[1].Header("Authorization").ShouldBe("Bearer session-token-1");
        requests[2].Header("Authorization").ShouldBe("Bearer session-token-1");
        var post = requests[3];
        post.Header("Authorization").ShouldBe("Bearer session-token-1");
        post.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = post.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["channel_id", "message"]);
        json.GetProperty("channel_id").GetString().ShouldBe(ChannelId);
        json.GetProperty("message").GetString().ShouldBe(PlainText);
    }

    [Fact]
    public async Task NotifyAsync_SecondDelivery_ReusesTheTokenAndChannelId()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();

        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();
        var second = await notifier.NotifyAsync([Messages.Critical(node: "node9")], Settings(server.Url), CancellationToken.None);

        second.Success.ShouldBeTrue(second.Error);
        server.Logins.ShouldBe(1);
        var requests = server.Requests;
        requests.Count.ShouldBe(5);
        requests[4].PathAndQuery.ShouldBe("/api/v4/posts");
        requests[4].Header("Authorization").ShouldBe("Bearer session-token-1");
        requests[4].Json().GetProperty("channel_id").GetString().ShouldBe(ChannelId);
        requests[4].Json().GetProperty("message").GetString().ShouldStartWith("prod is CRITICAL.\n\nFail: 1, Warn: 0, Pass: 0\n\nnode9:");
    }

    [Fact]
    public async Task NotifyAsync_CachedSessionRejectedWith401_LogsInAgainOnceAndPosts()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();
        server.RevokeSessions();

        var result = await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        server.Logins.ShouldBe(2);
        server.Requests.Skip(4).Select(r => (r.PathAndQuery, r.Header("Authorization"))).ShouldBe(
        [
            ("/api/v4/posts", "Bearer session-token-1"),
            ("/api/v4/users/login", null),
            ("/api/v4/posts", "Bearer session-token-2"),
        ]);
    }

    [Fact]
    public async Task NotifyAsync_FreshSessionAlsoRejected_LogsInOnlyOnceMoreAndFailsWithoutRetry()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();
        server.PostStatus = 401;

        var result = await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, server.Url, Password, "session-token");
        result.Error.ShouldBe("post: HTTP 401 Unauthorized");
        server.Logins.ShouldBe(2);
        server.Requests.Skip(4).Select(r => r.PathAndQuery).ShouldBe(["/api/v4/posts", "/api/v4/users/login", "/api/v4/posts"]);
    }

    [Fact]
    public async Task NotifyAsync_WrongPassword_FailsWithoutRetryAndNeverShowsThePassword()
    {
        await using var server = await StartAsync();
        const string wrong = "wrong-SECRET-guess";

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url, password: wrong), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, server.Url, wrong, Password);
        result.Error.ShouldStartWith("login: HTTP 401 Unauthorized");
        server.Requests.ShouldHaveSingleItem().Json().GetProperty("password").GetString().ShouldBe(wrong);
        _logs.Messages.ShouldNotBeEmpty();
        _logs.Messages.ShouldAllBe(m => !m.Contains(wrong) && !m.Contains(Password));
    }

    [Fact]
    public async Task NotifyAsync_Anything_LogsNeitherPasswordNorToken()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();
        server.RevokeSessions();
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();

        _logs.Messages.ShouldContain(m => m.Contains("logging in again", StringComparison.Ordinal));
        _logs.Messages.ShouldAllBe(m => !m.Contains(Password) && !m.Contains("session-token") && !m.Contains("SECRET"));
    }

    [Theory]
    [InlineData("team", "team lookup: HTTP 404 Not Found (no team named ops is visible to alert-bot)")]
    [InlineData("channel", "channel lookup: HTTP 404 Not Found (no channel named alerts in team ops is visible to alert-bot)")]
    public async Task NotifyAsync_UnknownTeamOrChannel_FailsWithoutRetryAndPostsNothing(string missing, string error)
    {
        await using var server = await StartAsync();
        if (missing == "team")
        {
            server.TeamStatus = 404;
        }
        else
        {
            server.ChannelStatus = 404;
        }

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, server.Url, Password, "session-token");
        result.Error.ShouldBe(error);
        server.Requests.ShouldNotContain(r => r.PathAndQuery == "/api/v4/posts");
    }

    [Theory]
    [InlineData("login", 500)]
    [InlineData("login", 503)]
    [InlineData("team", 502)]
    [InlineData("channel", 500)]
    [InlineData("post", 500)]
    [InlineData("post", 429)]
    public async Task NotifyAsync_ServerError_IsRetryable(string step, int status)
    {
        await using var server = await StartAsync();
        switch (step)
        {
            case "login": server.LoginStatus = status; break;
            case "team": server.TeamStatus = status; break;
            case "channel": server.ChannelStatus = status; break;
            default: server.PostStatus = status; break;
        }

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, server.Url, Password, "session-token");
        result.Error.ShouldNotBeNull().ShouldContain($"HTTP {status}");
    }

    [Fact]
    public async Task NotifyAsync_PostForbidden_LooksTheChannelUpAgainNextTime()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();
        server.PostStatus = 403;
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Retryable.ShouldBeFalse();
        server.PostStatus = null;

        var result = await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        server.Requests.Skip(4).Select(r => r.PathAndQuery).ShouldBe(
            [$"/api/v4/teams/name/{Team}", $"/api/v4/teams/{TeamId}/channels/name/{Channel}", "/api/v4/posts"]);
        server.Logins.ShouldBe(1);
    }

    [Fact]
    public async Task NotifyAsync_LoginWithoutTokenHeader_FailsWithoutRetry()
    {
        await using var server = await StartAsync();
        server.OmitToken = true;

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, server.Url, Password);
        result.Error.ShouldBe("login: the response carries no session token (Token header)");
    }

    [Fact]
    public async Task NotifyAsync_Detailed_PostsTheTitleAndOneAttachmentPerMessageInProps()
    {
        await using var server = await StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url, ("detailed", "true")), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var json = server.Requests[^1].Json();
        json.GetProperty("message").GetString().ShouldBe(":x: prod is *CRITICAL*\n*Changes:* Fail = 1, Warn = 0, Pass = 1");
        var attachments = json.GetProperty("props").GetProperty("attachments").EnumerateArray().ToList();
        attachments.Count.ShouldBe(2);
        attachments[0].GetProperty("color").GetString().ShouldBe("danger");
        attachments[0].GetProperty("title").GetString().ShouldBe("node1:web:HTTP on :80 is critical");
        attachments[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("title").GetString()).ShouldBe(["Node", "Service", "Check", "Status"]);
        attachments[1].GetProperty("color").GetString().ShouldBe("good");
    }

    [Fact]
    public async Task NotifyAsync_ServerUnderAPath_CallsTheApiBelowIt()
    {
        await using var server = await StartAsync("/chat");

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(server.Url + "/"), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        server.Requests.Select(r => r.PathAndQuery).ShouldAllBe(p => p.StartsWith("/chat/api/v4/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_HostAndPortWithoutScheme_UsesHttpLikeTheGoDaemon()
    {
        await using var server = await StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings($"127.0.0.1:{server.Receiver.BaseUrl.Port}"), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task NotifyAsync_PasswordChanged_LogsInAgainInsteadOfReusingTheSession()
    {
        await using var server = await StartAsync();
        var notifier = Notifier();
        (await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url), CancellationToken.None)).Success.ShouldBeTrue();

        var result = await notifier.NotifyAsync(CriticalAndPassing(), Settings(server.Url, password: "another-SECRET"), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, server.Url, "another-SECRET", Password);
        server.Requests[^1].PathAndQuery.ShouldBe("/api/v4/users/login");
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl("");

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings(url), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, Password, "127.0.0.1");
        result.Error.ShouldStartWith("login: request failed");
    }

    [Theory]
    [InlineData("url", "no url configured")]
    [InlineData("username", "no username configured")]
    [InlineData("password", "no password configured")]
    [InlineData("team", "no team configured")]
    [InlineData("channel", "no channel configured")]
    public async Task NotifyAsync_RequiredKeyMissing_FailsWithoutRetryOrRequest(string key, string error)
    {
        await using var server = await StartAsync();
        var settings = Settings(server.Url);
        var values = settings.Values.Where(v => v.Key != key).ToDictionary(StringComparer.Ordinal);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), settings with { Values = values }, CancellationToken.None);

        result.ShouldBe(ConsulAlerts.Notifications.NotifyResult.Failed(error, retryable: false));
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_FtpUrl_FailsWithoutRetry()
    {
        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Settings("ftp://chat.example.com"), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
    }

    [Fact]
    public void Name_IsMattermost() => Notifier().Name.ShouldBe("mattermost");

    private static NotifierConfig Settings(string url, params (string Key, string Value)[] extra) => Settings(url, Password, extra);

    private static NotifierConfig Settings(string url, string password, params (string Key, string Value)[] extra) =>
        Config("mattermost", [("url", url), ("cluster-name", "prod"), ("username", Username), ("password", password), ("team", Team), ("channel", Channel), .. extra]);

    private MattermostNotifier Notifier() => new(Clients(), TimeProvider.System, _loggerFactory.CreateLogger<MattermostNotifier>());

    [Fact]
    public async Task NotifyAsync_UrlWithUserInfo_LogsTheServerWithoutIt()
    {
        await using var server = await StartAsync();
        var url = server.Url.Replace("http://", "http://proxy:URL-SECRET@", StringComparison.Ordinal);

        (await Notifier().NotifyAsync(CriticalAndPassing(), Settings(url), CancellationToken.None)).Success.ShouldBeTrue();

        _logs.Messages.ShouldContain(m => m.Contains("logging in to " + server.Url, StringComparison.Ordinal));
        _logs.Messages.ShouldAllBe(m => !m.Contains("URL-SECRET") && !m.Contains("proxy:"));
    }
}
