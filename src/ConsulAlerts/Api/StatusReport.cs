namespace ConsulAlerts.Api;

/// <summary>The body of <c>GET /v1/status</c>; never carries a secret.</summary>
internal sealed record StatusReport(string Version, LeadershipReport Leadership, CheckCountsReport Checks, IReadOnlyList<NotifierReport> Notifiers);
