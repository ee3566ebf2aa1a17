namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>The part of a Mattermost team or channel (<c>GET .../name/{name}</c>) that is used: its id.</summary>
/// <param name="Id">The 26-character id.</param>
internal sealed record MattermostEntity(string? Id);
