namespace ConsulAlerts.Api;

/// <summary>Checks in the view: all tracked, waiting for their change-threshold, and confirmed warning or critical.</summary>
internal sealed record CheckCountsReport(int Tracked, int Pending, int Alerting);
