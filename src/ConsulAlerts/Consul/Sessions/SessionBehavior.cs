namespace ConsulAlerts.Consul.Sessions;

/// <summary>What happens to the keys a session holds when it is invalidated.</summary>
internal enum SessionBehavior
{
    /// <summary>Release the locks (the server default).</summary>
    Release,

    /// <summary>Delete the held keys.</summary>
    Delete,
}
