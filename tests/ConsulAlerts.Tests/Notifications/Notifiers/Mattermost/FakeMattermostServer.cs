using System.Text.Json;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.AspNetCore.Http;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Mattermost;

/// <summary>
/// The four Mattermost API v4 endpoints the notifier uses, on a <see cref="LoopbackReceiver"/>: login checks the
/// credentials and hands out a new token in the <c>Token</c> header; the team, channel and post endpoints answer 401
/// to any token but the current one. Each endpoint's status can be forced.
/// </summary>
internal sealed class FakeMattermostServer : IAsyncDisposable
{
    public const string Username = "alert-bot";
    public const string Password = "pa55-SECRET-word";
    public const string Team = "ops";
    public const string Channel = "alerts";
    public const string TeamId = "teamid00000000000000000001";
    public const string ChannelId = "chanid00000000000000000001";

    private int _logins;

    private FakeMattermostServer(LoopbackReceiver receiver, string prefix)
    {
        Receiver = receiver;
        Prefix = prefix;
        receiver.Handle($"{prefix}/api/v4/users/login", LoginAsync);
        receiver.Handle($"{prefix}/api/v4/teams/name/{Team}", (request, response) => Authorized(request, response, TeamStatus, $$"""{"id":"{{TeamId}}","name":"{{Team}}"}"""));
        receiver.Handle($"{prefix}/api/v4/teams/{TeamId}/channels/name/{Channel}", (request, response) => Authorized(request, response, ChannelStatus, $$"""{"id":"{{ChannelId}}","name":"{{Channel}}"}"""));
        receiver.Handle($"{prefix}/api/v4/posts", (request, response) => Authorized(request, response, PostStatus, """{"id":"post1"}""", created: true));
    }

    public LoopbackReceiver Receiver { get; }

    /// <summary>The path the server lives under (<c>""</c> or, say, <c>/mattermost</c>).</summary>
    public string Prefix { get; }

    /// <summary>The server's base URL, as configured in <c>url</c>.</summary>
    public string Url => Receiver.BaseUrl.ToString().TrimEnd('/') + Prefix;

    /// <summary>The token the server accepts now; null before the first login and after <see cref="RevokeSessions"/>.</summary>
    public string? CurrentToken { get; private set; }

    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Forces the status of an endpoint (null: behave normally).</summary>
    public int? LoginStatus { get; set; }

    public int? TeamStatus { get; set; }

    public int? ChannelStatus { get; set; }

    public int? PostStatus { get; set; }

    /// <summary>Leaves the <c>Token</c> header out of successful logins.</summary>
    public bool OmitToken { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests => Receiver.Requests;

    public static async Task<FakeMattermostServer> StartAsync(string prefix = "") => new(await LoopbackReceiver.StartAsync(), prefix);

    /// <summary>Invalidates every session, as a server restart, logout or password change does.</summary>
    public void RevokeSessions() => CurrentToken = null;

    public ValueTask DisposeAsync() => Receiver.DisposeAsync();

    private async Task LoginAsync(ReceivedRequest request, HttpResponse response)
    {
        if (LoginStatus is { } forced)
        {
            response.StatusCode = forced;
            return;
        }

        using var body = JsonDocument.Parse(request.Body);
        if (body.RootElement.GetProperty("login_id").GetString() != Username || body.RootElement.GetProperty("password").GetString() != Password)
        {
            response.StatusCode = 401;
            await response.WriteAsync("""{"id":"api.user.login.invalid_credentials_email_username","status_code":401}""");
            return;
        }

        var number = Interlocked.Increment(ref _logins);
        CurrentToken = $"session-token-{number}";
        if (!OmitToken)
        {
            response.Headers["Token"] = CurrentToken;
        }

        response.ContentType = "application/json";
        await response.WriteAsync($$"""{"id":"userid","username":"{{Username}}"}""");
    }

    private async Task Authorized(ReceivedRequest request, HttpResponse response, int? forced, string json, bool created = false)
    {
        if (CurrentToken is null || request.Header("Authorization") != $"Bearer {CurrentToken}")
        {
            response.StatusCode = 401;
            return;
        }

        if (forced is { } status)
        {
            response.StatusCode = status;
            return;
        }

        response.StatusCode = created ? 201 : 200;
        response.ContentType = "application/json";
        await response.WriteAsync(json);
    }
}
