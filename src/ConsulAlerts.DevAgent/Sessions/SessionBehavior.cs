namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>What happens to a session's locks when it is invalidated.</summary>
internal static class SessionBehavior
{
    public const string Release = "release";
    public const string Delete = "delete";
}
