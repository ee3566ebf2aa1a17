namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>The body of <c>POST /api/v4/users/login</c>.</summary>
/// <param name="LoginId">User name or email.</param>
/// <param name="Password">The password (a secret).</param>
internal sealed record MattermostLogin(string LoginId, string Password)
{
    /// <summary>The password stays out of logs.</summary>
    public override string ToString() => $"MattermostLogin {{ LoginId = {LoginId} }}";
}
