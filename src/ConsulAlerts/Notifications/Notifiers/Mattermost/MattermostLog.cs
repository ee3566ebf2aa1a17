using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>Log messages of the mattermost notifier; never the password nor the session token.</summary>
internal static partial class MattermostLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Mattermost: logging in to {Server} as {Username}")]
    public static partial void LoggingIn(ILogger logger, string server, string username);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Mattermost: channel {Team}/{Channel} on {Server} has id {ChannelId}")]
    public static partial void ChannelResolved(ILogger logger, string server, string team, string channel, string channelId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information,
        Message = "Mattermost: the session of {Username} on {Server} was rejected (HTTP 401); logging in again")]
    public static partial void SessionExpired(ILogger logger, string server, string username);

}
