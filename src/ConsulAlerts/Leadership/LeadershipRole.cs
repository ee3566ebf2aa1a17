namespace ConsulAlerts.Leadership;

/// <summary>What this daemon does in the cluster of daemons sharing one KV prefix.</summary>
internal enum LeadershipRole
{
    /// <summary>Keeps configuration, health and state warm; decides and sends nothing.</summary>
    Standby,

    /// <summary>Holds the lock: writes state, sends notifications and reminders.</summary>
    Leader,
}
