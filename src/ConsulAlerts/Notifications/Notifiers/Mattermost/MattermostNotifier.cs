using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Notifiers.Slack;
using ConsulAlerts.Notifications.Summary;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>
/// The <c>mattermost</c> notifier: posts to a channel through the Mattermost REST API v4 as a user account. It logs in
/// (<c>POST /api/v4/users/login</c>, session token from the <c>Token</c> header), finds the channel by team and channel
/// name (<c>GET /api/v4/teams/name/{team}</c>, <c>GET /api/v4/teams/{id}/channels/name/{channel}</c>), then
/// <c>POST /api/v4/posts</c> with <c>Authorization: Bearer</c>. The token and the channel id are kept per server,
/// account and channel, so a notification usually costs one request; when the server answers 401 the notifier logs in
/// again, once per delivery. The text is the Go daemon's plain text, or with <c>detailed=true</c> the slack
/// notifier's title line and Slack-style attachments in <c>props.attachments</c>.
/// </summary>
internal sealed class MattermostNotifier(IHttpClientFactory clients, TimeProvider timeProvider, ILogger<MattermostNotifier> logger) : INotifier
{
    public const string NotifierName = "mattermost";

    private readonly ConcurrentDictionary<MattermostSessionKey, MattermostSession> _sessions = new();

    public string Name => NotifierName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = MattermostNotifierConfig.From(config);
        if (settings.Missing() is { } missing)
        {
            return NotifyResult.Failed(missing, retryable: false);
        }

        if (!settings.TryServerUrl(out var server, out var urlError))
        {
            return NotifyResult.Failed(urlError!, retryable: false);
        }

        var key = new MattermostSessionKey(server, settings.Username!, settings.Team!, settings.Channel!, Fingerprint(settings.Password!));
        var session = _sessions.GetOrAdd(key, static _ => new MattermostSession());
        var post = Post(messages, settings);
        var loggedIn = false;
        while (true)
        {
            var token = session.Token;
            if (token is null)
            {
                var login = await LoginAsync(server, settings, cancellationToken);
                if (login.Value is null)
                {
                    return login.Failure;
                }

                session.Token = token = login.Value;
                loggedIn = true;
            }

            var posted = await PostAsync(server, settings, session, token, post, cancellationToken);
            if (posted.Value is not null)
            {
                return NotifyResult.Ok;
            }

            // A cached session can expire or be revoked at any time; a fresh one that is refused will be refused again.
            if (posted.Unauthorized && !loggedIn)
            {
                MattermostLog.SessionExpired(logger, server, settings.Username!);
                session.Expire(token);
                continue;
            }

            return posted.Failure;
        }
    }

    /// <summary>The post's text and, when detailed, its attachments (the channel id is filled in when sending).</summary>
    internal static MattermostPost Post(IReadOnlyList<Message> messages, MattermostNotifierConfig settings)
    {
        if (!settings.Detailed)
        {
            return new MattermostPost("", BatchSummary.PlainText(settings.ClusterName, messages), null);
        }

        // Mattermost renders Slack's attachment shape, so the slack notifier's detailed layout is reused as it is.
        var slack = SlackNotifier.Payload(messages, new SlackNotifierConfig(null, settings.ClusterName, null, null, null, null, Detailed: true));
        return new MattermostPost("", slack.Text ?? "", new MattermostPostProps(slack.Attachments ?? []));
    }

    private static string Fingerprint(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static NotifyResult Failure(string step, NotifyResult result, string? hint = null) =>
        result with { Error = hint is null ? $"{step}: {result.Error}" : $"{step}: {result.Error} ({hint})" };

    private async Task<MattermostStep> LoginAsync(string server, MattermostNotifierConfig settings, CancellationToken cancellationToken)
    {
        MattermostLog.LoggingIn(logger, server, settings.Username!);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server}/api/v4/users/login")
        {
            Content = NotifierHttp.JsonContent(new MattermostLogin(settings.Username!, settings.Password!), MattermostJsonContext.Default.MattermostLogin),
        };
        var (response, failure) = await SendAsync(request, cancellationToken);
        if (response is null)
        {
            return MattermostStep.Failed(Failure("login", failure));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var hint = response.StatusCode == HttpStatusCode.Unauthorized ? "wrong username or password, or the account needs MFA" : null;
                return MattermostStep.Failed(Failure("login", Classify(response), hint));
            }

            return response.Headers.TryGetValues("Token", out var values) && values.FirstOrDefault() is { Length: > 0 } token
                ? MattermostStep.Done(token)
                : MattermostStep.Failed(NotifyResult.Failed("login: the response carries no session token (Token header)", retryable: false));
        }
    }

    private async Task<MattermostStep> PostAsync(
        string server, MattermostNotifierConfig settings, MattermostSession session, string token, MattermostPost post, CancellationToken cancellationToken)
    {
        var channelId = session.ChannelId;
        if (channelId is null)
        {
            var team = await LookUpAsync("team lookup", $"{server}/api/v4/teams/name/{Escape(settings.Team!)}", token,
                $"no team named {settings.Team} is visible to {settings.Username}", cancellationToken);
            if (team.Value is null)
            {
                return team;
            }

            var channel = await LookUpAsync("channel lookup", $"{server}/api/v4/teams/{Escape(team.Value)}/channels/name/{Escape(settings.Channel!)}", token,
                $"no channel named {settings.Channel} in team {settings.Team} is visible to {settings.Username}", cancellationToken);
            if (channel.Value is null)
            {
                return channel;
            }

            session.ChannelId = channelId = channel.Value;
            MattermostLog.ChannelResolved(logger, server, settings.Team!, settings.Channel!, channelId);
        }

        using var request = Authorized(HttpMethod.Post, $"{server}/api/v4/posts", token);
        request.Content = NotifierHttp.JsonContent(post with { ChannelId = channelId }, MattermostJsonContext.Default.MattermostPost);
        var (response, failure) = await SendAsync(request, cancellationToken);
        if (response is null)
        {
            return MattermostStep.Failed(Failure("post", failure));
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return MattermostStep.Done(channelId);
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // The channel was deleted, archived or the account removed from it: look it up again next time.
                session.ChannelId = null;
            }

            return MattermostStep.Failed(Failure("post", Classify(response)), response.StatusCode == HttpStatusCode.Unauthorized);
        }
    }

    /// <summary>GETs a team or channel by name and returns its id.</summary>
    private async Task<MattermostStep> LookUpAsync(string step, string url, string token, string notFound, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, url, token);
        var (response, failure) = await SendAsync(request, cancellationToken);
        if (response is null)
        {
            return MattermostStep.Failed(Failure(step, failure));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var hint = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden ? notFound : null;
                return MattermostStep.Failed(Failure(step, Classify(response), hint), response.StatusCode == HttpStatusCode.Unauthorized);
            }

            try
            {
                var entity = await response.Content.ReadFromJsonAsync(MattermostJsonContext.Default.MattermostEntity, cancellationToken);
                return entity?.Id is { Length: > 0 } id
                    ? MattermostStep.Done(id)
                    : MattermostStep.Failed(NotifyResult.Failed($"{step}: the response has no id", retryable: false));
            }
            catch (JsonException)
            {
                return MattermostStep.Failed(NotifyResult.Failed($"{step}: the response is not Mattermost's JSON", retryable: false));
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return MattermostStep.Failed(Failure(step, HttpStatusClassifier.Classify(ex)));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return MattermostStep.Failed(Failure(step, HttpStatusClassifier.Classify(ex)));
            }
        }
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private NotifyResult Classify(HttpResponseMessage response) => HttpStatusClassifier.Classify(response, timeProvider.GetUtcNow());

    /// <summary>
    /// Sends <paramref name="request"/>: the response (the caller disposes it), or the classified failure when none
    /// came. Cancellation of <paramref name="cancellationToken"/> propagates; the client's own timeout is a retryable failure.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, NotifyResult Failure)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(NotifierHttp.ClientName);
        try
        {
            return (await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), NotifyResult.Ok);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, HttpStatusClassifier.Classify(ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return (null, HttpStatusClassifier.Classify(ex));
        }
    }
}
