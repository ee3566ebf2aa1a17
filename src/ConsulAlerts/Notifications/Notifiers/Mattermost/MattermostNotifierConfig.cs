using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>Settings of the mattermost notifier (<c>notifiers/mattermost/*</c>); optional fields are null when unset.</summary>
/// <param name="Url">The server's base URL (<c>https://chat.example.com</c>); a bare <c>host[:port]</c> means http, as in the Go daemon.</param>
/// <param name="ClusterName">Shown in the title line.</param>
/// <param name="Username">The login (user name or email) of the account that posts.</param>
/// <param name="Password">Its password (a secret).</param>
/// <param name="Team">The team's name as in its URL (not its display name).</param>
/// <param name="Channel">The channel's name as in its URL (not its display name).</param>
/// <param name="Detailed">Slack-style attachments, one per message, instead of the plain text.</param>
internal sealed record MattermostNotifierConfig(
    string? Url, string ClusterName, string? Username, string? Password, string? Team, string? Channel, bool Detailed)
{
    public static MattermostNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.Optional(config, "url"),
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "username"),
        // Not trimmed beyond what the KV reader did: a password may end in a space only if the KV value kept it.
        config.Get("password") is { Length: > 0 } password ? password : null,
        NotifierSettings.Optional(config, "team"),
        NotifierSettings.Optional(config, "channel"),
        NotifierSettings.Flag(config, "detailed"));

    /// <summary>Why the settings cannot be used (the first required key that is missing), or null.</summary>
    public string? Missing() =>
        Url is null ? "no url configured"
        : Username is null ? "no username configured"
        : Password is null ? "no password configured"
        : Team is null ? "no team configured"
        : Channel is null ? "no channel configured"
        : null;

    /// <summary>
    /// The server's base URL, without a trailing slash. A value without a scheme (<c>chat.example.com:8065</c>) is
    /// taken as http, which is how the Go daemon read it.
    /// </summary>
    public bool TryServerUrl(out string server, out string? error)
    {
        server = "";
        var text = Url;
        if (text is not null && !text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!NotifierHttp.TryParseUrl(text, out var url, out error))
        {
            return false;
        }

        server = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }

    /// <summary>The password stays out of logs and status.</summary>
    public override string ToString() =>
        $"MattermostNotifierConfig {{ Url = {Url}, ClusterName = {ClusterName}, Username = {Username}, Team = {Team}, Channel = {Channel}, Detailed = {Detailed} }}";
}
