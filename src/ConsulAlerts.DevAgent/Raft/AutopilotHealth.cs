namespace ConsulAlerts.DevAgent.Raft;

/// <summary>Body of <c>GET /v1/operator/autopilot/health</c>.</summary>
internal sealed record AutopilotHealth(bool Healthy, int FailureTolerance, List<AutopilotServer> Servers);
