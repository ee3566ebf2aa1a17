using ConsulAlerts.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>
/// Log messages of the mattermost notifier; never the password nor the session token, and the server's URL without
/// its userinfo (a <c>user:password@</c> in <c>url</c> is a credential).
/// </summary>
internal static partial class MattermostLog
{
    public static void LoggingIn(ILogger logger, string server, string username)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var shown = UrlText.StripUserInfo(server);
            LoggingInCore(logger, shown, username);
        }
    }

    public static void ChannelResolved(ILogger logger, string server, string team, string channel, string channelId)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var shown = UrlText.StripUserInfo(server);
            ChannelResolvedCore(logger, shown, team, channel, channelId);
        }
    }

    public static void SessionExpired(ILogger logger, string server, string username)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var shown = UrlText.StripUserInfo(server);
            SessionExpiredCore(logger, shown, username);
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Mattermost: logging in to {Server} as {Username}")]
    private static partial void LoggingInCore(ILogger logger, string server, string username);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Mattermost: channel {Team}/{Channel} on {Server} has id {ChannelId}")]
    private static partial void ChannelResolvedCore(ILogger logger, string server, string team, string channel, string channelId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information,
        Message = "Mattermost: the session of {Username} on {Server} was rejected (HTTP 401); logging in again")]
    private static partial void SessionExpiredCore(ILogger logger, string server, string username);
}
