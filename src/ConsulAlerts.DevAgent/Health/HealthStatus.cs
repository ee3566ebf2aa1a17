namespace ConsulAlerts.DevAgent.Health;

/// <summary>Check status strings.</summary>
internal static class HealthStatus
{
    public const string Passing = "passing";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static bool IsValid(string? status) => status is Passing or Warning or Critical;
}
