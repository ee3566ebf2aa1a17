namespace ConsulAlerts.Consul.Health;

/// <summary>The states <c>/v1/health/state/:state</c> accepts; the Go client refuses any other value.</summary>
internal enum HealthState
{
    Any,
    Passing,
    Warning,
    Critical,
}
