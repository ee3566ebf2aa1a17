using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.HipChat;

/// <summary>Settings of the hipchat notifier (<c>notifiers/hipchat/*</c>).</summary>
/// <param name="ClusterName">Shown in the first line.</param>
/// <param name="BaseUrl">The server, or null for <see cref="HipChatNotifier.DefaultBaseUrl"/>.</param>
/// <param name="RoomId">The room's id or name.</param>
/// <param name="AuthToken">A room notification token, sent as <c>Authorization: Bearer</c>; a secret.</param>
/// <param name="Sender">The <c>from</c> key: a label shown beside the sender's name, or null.</param>
internal sealed record HipChatNotifierConfig(string ClusterName, string? BaseUrl, string? RoomId, string? AuthToken, string? Sender)
{
    public static HipChatNotifierConfig From(NotifierConfig config) => new(
        NotifierSettings.ClusterName(config),
        NotifierSettings.Optional(config, "base-url"),
        NotifierSettings.Optional(config, "room-id"),
        NotifierSettings.Optional(config, "auth-token"),
        NotifierSettings.Optional(config, "from"));

    /// <summary>The token stays out of logs and status.</summary>
    public override string ToString() =>
        $"HipChatNotifierConfig {{ ClusterName = {ClusterName}, BaseUrl = {BaseUrl}, RoomId = {RoomId}, AuthToken = {(AuthToken is null ? "unset" : "set")}, Sender = {Sender} }}";
}
