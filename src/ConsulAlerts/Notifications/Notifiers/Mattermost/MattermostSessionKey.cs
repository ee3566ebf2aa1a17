namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>
/// What a cached session belongs to: the server, the account, the target channel, and a fingerprint of the password
/// (so that a changed or overridden password is checked by a new login instead of riding on an old token).
/// </summary>
internal sealed record MattermostSessionKey(string Server, string Username, string Team, string Channel, string PasswordFingerprint)
{
    /// <summary>The fingerprint stays out of logs: it could be matched against guessed passwords.</summary>
    public override string ToString() => $"MattermostSessionKey {{ Server = {Server}, Username = {Username}, Team = {Team}, Channel = {Channel} }}";
}
