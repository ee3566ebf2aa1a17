namespace ConsulAlerts.Demo;

/// <summary>The demo's services, their flapping schedules and the KV configuration seeded for the daemon.</summary>
internal static class DemoSetup
{
    public const string KvPrefix = "consul-alerts";

    /// <summary>
    /// web fails at once (so the first notification comes a change-threshold after start) and then every 40 s for 20 s;
    /// db warns for 30 s of every minute, from 10 s in; cache blips to critical for 3 s, shorter than the threshold,
    /// so it shows debouncing: tracked as pending, never notified.
    /// </summary>
    public static IReadOnlyList<DemoCheck> Checks { get; } =
    [
        new("web", "web-http", "HTTP on :8080",
            TimeSpan.FromSeconds(40), TimeSpan.Zero, TimeSpan.FromSeconds(20), "critical",
            "HTTP GET http://127.0.0.1:8080/health: 503 Service Unavailable", "HTTP GET http://127.0.0.1:8080/health: 200 OK"),
        new("db", "db-replication", "Replication lag",
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), "warning",
            "replication lag 42 s (warning above 30 s)", "replication lag 0.4 s"),
        new("cache", "cache-ping", "Redis PING",
            TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(33), "critical",
            "PING timed out after 1 s", "PONG"),
    ];

    /// <summary>Seconds a new status must hold before it is notified.</summary>
    public const int ChangeThresholdSeconds = 5;

    /// <summary>The configuration keys (relative to <c>&lt;prefix&gt;/config/</c>) and values the demo writes.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Configuration(string notificationLogPath) =>
    [
        new("checks/change-threshold", ChangeThresholdSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("notifiers/log/enabled", "true"),
        new("notifiers/log/path", notificationLogPath),
        new("notif-profiles/default", """{"Interval": 0, "NotifList": {"log": true}}"""),
        // The database profile also sends a reminder every minute while db is not passing.
        new("notif-profiles/database", """{"Interval": 1, "NotifList": {"log": true}}"""),
        new("notif-selection/services/db", "database"),
    ];
}
