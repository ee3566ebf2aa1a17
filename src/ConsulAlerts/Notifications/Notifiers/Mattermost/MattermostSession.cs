namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>
/// What a login and the channel lookup found, kept between deliveries so that a notification costs one request.
/// Concurrent deliveries may both log in; the last token wins, and both stay valid on the server.
/// </summary>
internal sealed class MattermostSession
{
    private string? _token;
    private string? _channelId;

    /// <summary>The session token (a secret), or null before the first login and after a 401.</summary>
    public string? Token
    {
        get => Volatile.Read(ref _token);
        set => Volatile.Write(ref _token, value);
    }

    /// <summary>The channel's id, or null until looked up (and again after the channel is gone).</summary>
    public string? ChannelId
    {
        get => Volatile.Read(ref _channelId);
        set => Volatile.Write(ref _channelId, value);
    }

    /// <summary>Forgets <paramref name="token"/> unless another delivery already replaced it.</summary>
    public void Expire(string token) => Interlocked.CompareExchange(ref _token, null, token);

    /// <summary>The token is never shown.</summary>
    public override string ToString() => $"MattermostSession {{ LoggedIn = {Token is not null}, ChannelId = {ChannelId} }}";
}
