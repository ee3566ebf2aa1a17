using ConsulAlerts.DevAgent.Catalog;

namespace ConsulAlerts.DevAgent.Health;

/// <summary>One entry of <c>GET /v1/health/service/:service</c>.</summary>
internal sealed record ServiceHealth(NodeEntry Node, ServiceEntry Service, IReadOnlyList<HealthCheck> Checks);
