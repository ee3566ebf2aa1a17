namespace ConsulAlerts.Checks;

/// <summary>Consul's check statuses, as the strings the API and the state JSON use.</summary>
internal static class CheckStatus
{
    public const string Passing = "passing";
    public const string Warning = "warning";
    public const string Critical = "critical";

    /// <summary>Maintenance-mode checks: shown, never paged by default.</summary>
    public static bool IsMaintenance(string checkId) =>
        checkId == "_node_maintenance" || checkId.StartsWith("_service_maintenance:", StringComparison.Ordinal);
}
